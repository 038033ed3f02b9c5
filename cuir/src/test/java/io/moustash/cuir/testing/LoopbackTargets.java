package io.moustash.cuir.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Real targets on the loopback interface, opened by a test and closed with it: a listener that
 * accepts, a closed port, an unresponsive listener, banner and request/reply servers, a TLS server.
 * Only 127.0.0.1 and ::1 are used.
 */
public final class LoopbackTargets implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A port that accepts connections and closes them at once. */
    public int listening() {
        return serve(InetAddress.getLoopbackAddress(), socket -> { });
    }

    /** A listener again on {@code port}, e.g. after {@link #close(int)}: the target comes back. */
    public int listeningOn(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            return accept(server, socket -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same on ::1. */
    public int listeningV6() {
        try {
            return serve(InetAddress.getByName("::1"), socket -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on: connecting is refused. */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A listener whose accept backlog is full: it never accepts, and the queue is filled with
     * connections until the next one gets no answer. Linux then drops new SYNs, so a connect to it
     * times out, as to a firewalled port.
     */
    public int unresponsive() {
        try {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            open.add(server);
            for (int i = 0; i < 16; i++) {
                Socket filler = new Socket();
                open.add(filler);
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
                } catch (SocketTimeoutException full) {
                    return server.getLocalPort();
                }
            }
            throw new IllegalStateException("the accept queue of a backlog-1 listener never filled");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code banner} to every connection, then keeps it open until the client closes. */
    public int banner(String banner) {
        return serve(InetAddress.getLoopbackAddress(), socket -> {
            socket.getOutputStream().write(banner.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            drain(socket.getInputStream());
        });
    }

    /** Accepts and stays silent until the client closes. */
    public int silent() {
        return serve(InetAddress.getLoopbackAddress(), socket -> drain(socket.getInputStream()));
    }

    /** Reads until {@code request} arrived, then answers {@code reply} and closes; on ::1 when {@code v6}. */
    public int requestReply(boolean v6, String request, String reply) {
        try {
            InetAddress address = v6 ? InetAddress.getByName("::1") : InetAddress.getLoopbackAddress();
            return serve(address, socket -> {
                InputStream in = socket.getInputStream();
                StringBuilder got = new StringBuilder();
                int c;
                while (!got.toString().contains(request) && (c = in.read()) >= 0) {
                    got.append((char) c);
                }
                OutputStream out = socket.getOutputStream();
                out.write((got.toString().contains(request) ? reply : "HTTP/1.0 400 Bad Request\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS server whose self-signed certificate is valid for {@code validityDays} from {@code startDaysAgo} days ago. */
    public int tls(Path dir, int startDaysAgo, int validityDays, String greeting) {
        try {
            Path store = dir.resolve("server-" + startDaysAgo + "-" + validityDays + ".p12");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-startdate", "-" + startDaysAgo + "d",
                    "-validity", String.valueOf(validityDays), "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return accept(server, socket -> {
                ((SSLSocket) socket).startHandshake();
                socket.getOutputStream().write(greeting.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                drain(socket.getInputStream());
            });
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A TLS server with {@code context}'s certificate, speaking only {@code protocol}
     * ({@code TLSv1.3}, {@code TLSv1.2}), requiring a client certificate its trust managers accept;
     * after the handshake it writes {@code greeting} and waits for the client to close.
     */
    public int tlsRequiringClient(SSLContext context, String protocol, String greeting) {
        try {
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(true);
            server.setEnabledProtocols(new String[] {protocol});
            return accept(server, socket -> {
                ((SSLSocket) socket).startHandshake();
                socket.getOutputStream().write(greeting.getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                drain(socket.getInputStream());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private int serve(InetAddress address, Conversation conversation) {
        try {
            return accept(new ServerSocket(0, 50, address), conversation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int accept(ServerSocket server, Conversation conversation) {
        open.add(server);
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread one = new Thread(() -> {
                        try (socket) {
                            socket.setSoTimeout(10_000);
                            conversation.talk(socket);
                        } catch (IOException e) {
                            // the client went away: fine for a probe target
                        }
                    }, "target-conversation");
                    one.setDaemon(true);
                    one.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "target-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
            // until the client closes
        }
    }

    /** Closes {@code port}'s listener, so that the target goes down during a test. */
    public void close(int port) {
        for (AutoCloseable c : open) {
            if (c instanceof ServerSocket s && s.getLocalPort() == port) {
                closeQuietly(s);
            }
        }
    }

    @Override
    public void close() {
        open.forEach(LoopbackTargets::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a test target
        }
    }

    @FunctionalInterface
    private interface Conversation {
        void talk(Socket socket) throws IOException;
    }
}
