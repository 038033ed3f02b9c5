package io.moustash.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * The demo's broker: a real redis-server (embedded-redis ships the binary for Linux, macOS and
 * Windows) on a free port of 127.0.0.1, persistence off, stopped on {@link #close}.
 *
 * <p>The binary is unpacked into the demo's own directory and the settings go on redis-server's
 * command line: embedded-redis's builder would write a {@code .conf} file to /tmp and leave it there.
 */
final class EmbeddedRedis implements AutoCloseable {
    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    /** Starts redis-server, its binary unpacked under {@code dir}. */
    static EmbeddedRedis start(Path dir) {
        EmbeddedRedis redis = new EmbeddedRedis(LoopbackService.freePort());
        try {
            Path home = Files.createDirectories(dir.resolve("redis"));
            File binary = ExecutableProvider.newJarResourceProvider(home.toFile()).get();
            List<String> command = List.of(binary.getAbsolutePath(), "--port", String.valueOf(redis.port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", home.toString());
            redis.server = new RedisServer(redis.port, command, false);
            redis.server.start();
        } catch (IOException | RuntimeException e) {
            throw new DemoFailure("embedded redis-server did not start on 127.0.0.1:" + redis.port + ": "
                    + e.getMessage(), e);
        }
        return redis;
    }

    int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                System.err.println("demo: embedded redis-server did not stop cleanly: " + e.getMessage());
            }
            server = null;
        }
    }
}
