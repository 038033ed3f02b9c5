package io.moustash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server (embedded-redis ships the binary) on a free port of 127.0.0.1, with
 * persistence off. It can be stopped and started again on the same port to play a broker restart.
 */
public final class RedisFixture implements AutoCloseable {
    private final int port;
    private final String[] settings;
    private RedisServer server;

    private RedisFixture(int port, String... settings) {
        this.port = port;
        this.settings = settings;
    }

    /** Starts a server; {@code settings} are extra redis.conf lines such as {@code requirepass s3cret}. */
    public static RedisFixture running(String... settings) {
        RedisFixture fixture = new RedisFixture(freePort(), settings);
        fixture.start();
        return fixture;
    }

    public synchronized void start() {
        try {
            var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no");
            for (String setting : settings) {
                builder.setting(setting);
            }
            server = builder.build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the server and returns once its port refuses connections: embedded-redis's stop() can
     * return while the old process still accepts them, and a test that plays a broker outage must
     * not have its "outage" answered by the server it stopped.
     */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
            awaitRefused();
        }
    }

    private void awaitRefused() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 200);
            } catch (IOException refused) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " still accepts connections 10 s after stop");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
