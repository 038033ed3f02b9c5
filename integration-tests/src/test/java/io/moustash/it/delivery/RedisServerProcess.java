package io.moustash.it.delivery;

import io.moustash.testing.RedisFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server on a port of its own, which a test stops and starts as it likes. The list
 * is kept in an append-only file, so a stop (SIGTERM, as an admin's restart) loses nothing that
 * Redis had acknowledged.
 */
final class RedisServerProcess implements AutoCloseable {
    private final int port = RedisFixture.freePort();
    private final Path dir;
    private Process process;

    RedisServerProcess() {
        try {
            dir = Files.createTempDirectory("moustash-it-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    synchronized void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString(), "--daemonize", "no")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!listening()) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on " + port + "; see " + dir);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM and wait: Redis writes its append-only file and exits. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
