package io.moustash.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port of 127.0.0.1 that listens while the demo says so, for Cuir to probe. It accepts every
 * connection and holds it until the prober closes it (at most {@value #HOLD_MILLIS} ms), so its
 * backlog never fills however often it is probed; closing first could reset the connection under
 * the prober before it has seen it established. {@link #stop} and
 * {@link #start} again keep the same port: the demo takes a service down and brings it back.
 * Not thread-safe: the demo's main thread drives it.
 */
final class LoopbackService implements AutoCloseable {
    static final int HOLD_MILLIS = 2000;

    private final String name;
    private final int port;
    private ServerSocket socket;

    private LoopbackService(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** A service listening on a free port. */
    static LoopbackService listening(String name) {
        LoopbackService service = new LoopbackService(name, freePort());
        service.start();
        return service;
    }

    void start() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            socket = listening;
        } catch (IOException e) {
            throw new DemoFailure("cannot listen on 127.0.0.1:" + port + " for " + name + ": " + e.getMessage(), e);
        }
        ServerSocket listening = socket;
        Thread acceptor = new Thread(() -> acceptUntilClosed(listening), "demo-" + name + "-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void stop() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a listening socket only fails when it is already gone
            }
            socket = null;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private static void acceptUntilClosed(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket connection;
            try {
                connection = listening.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            try (connection) {
                connection.setSoTimeout(HOLD_MILLIS);
                while (connection.getInputStream().read() >= 0) {
                    // a plain connect probe sends nothing; whatever comes is dropped
                }
            } catch (IOException e) {
                // the prober reset the connection, as Cuir's plain connect probes do, or held it too long
            }
        }
    }

    /** A port of 127.0.0.1 that nothing listens on right now. */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
