package io.moustash.fouet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.fouet.protocol.Frames;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.RedisFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Fouet's {@code main} in its own JVM, as supervisord does, and checks its real stdout byte
 * for byte: with debug logging on, with the stdout transport, with Lettuce and Netty loaded, and
 * with garbage on stdin, nothing but the protocol's tokens may appear there.
 */
class StdoutIsTheProtocolsTest {
    private static final String OK = "RESULT 2\nOKREADY\n";

    @TempDir
    Path dir;

    record Run(int exit, String stdout, String stderr) {
    }

    private Run fouet(String ini, byte[] stdin) throws Exception {
        Path config = dir.resolve("moustash.ini");
        Files.writeString(config, ini);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, Fouet.class.getName(),
                "-c", config.toString(), "-v").start();
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // it may have stopped reading: what it wrote still tells
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "fouet did not stop at the end of its input");
        return new Run(process.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    private static byte[] someEvents() {
        return Frames.start().event("PROCESS_STATE_STARTING", Frames.state("café", "café", "STOPPED", "tries:0"))
                .raw("a stray line\n")
                .event("PROCESS_STATE_RUNNING", Frames.state("café", "café", "STARTING", "pid:77"))
                .event("PROCESS_STATE_EXITED", Frames.state("café", "café", "RUNNING", "expected:0 pid:77")).bytes();
    }

    @Test
    void theStdoutTransportWritesToStderr() throws Exception {
        Run run = fouet("[moustash]\ntransport = stdout\n", someEvents());
        assertEquals(0, run.exit(), run.stderr());
        assertEquals("READY\n" + OK.repeat(4), run.stdout());
        assertTrue(run.stderr().contains("\"action\":\"PROCESS_STATE_EXITED\""), run.stderr());
        assertTrue(run.stderr().contains("a stray line"), "garbage is logged with its raw text: " + run.stderr());
    }

    @Test
    void theRedisClientWritesNothingToStdout() throws Exception {
        try (RedisFixture redis = RedisFixture.running(); LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
            Run run = fouet("[moustash]\nredis_host = 127.0.0.1\nredis_port = " + redis.port()
                    + "\nredis_namespace = stdout-test\n", someEvents());
            assertEquals(0, run.exit(), run.stderr());
            assertEquals("READY\n" + OK.repeat(4), run.stdout());
            assertTrue(run.stderr().contains("fouet (development build): listening to supervisord, events to redis 127.0.0.1:"
                    + redis.port() + " db 0 list stdout-test, spool /"), "the start-up line: " + run.stderr());
            List<String> docs = logstash.drain("stdout-test");
            assertEquals(3, docs.size());
        }
    }

    @Test
    void randomBytesNeverReachStdout() throws Exception {
        Random random = new Random(42);
        byte[] noise = new byte[64 * 1024];
        random.nextBytes(noise);
        for (int i = 0; i < noise.length; i += 1 + random.nextInt(80)) {
            noise[i] = '\n';
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(someEvents());
        input.writeBytes(noise);
        Run run = fouet("[moustash]\ntransport = stdout\n", input.toByteArray());
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stdout().matches("READY\n(RESULT 2\nOKREADY\n)*"), run.stdout());
        assertTrue(run.stdout().startsWith("READY\n" + OK.repeat(4)), run.stdout());
    }
}
