package io.moustash.it.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cuir jar, as supervisord or cron runs it, against Debian's redis-server. */
class CuirIT {
    @TempDir
    Path dir;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("moustash.root", ".."), "cuir", "target", "cuir.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the reactor before this module");
        return jar;
    }

    private Path config(String key, String cuir) throws IOException {
        Path file = dir.resolve(key.replace(':', '-') + ".ini");
        Files.writeString(file, "[Moustash]\ntransport: redis\nredis_ip: 127.0.0.1\nredis_port: " + Services.redisPort()
                + "\nredis_namespace: " + key + "\n" + cuir);
        return file;
    }

    private static Process start(Path config, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString(),
                "-c", config.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Accepts and closes connections until closed. */
    private static ServerSocket listener(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    // connect is all a probe needs
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void onceProbesPrintsTheTablePublishesTheFailureAndExits() throws Exception {
        int closed = freePort();
        try (ServerSocket web = listener(0)) {
            Path config = config("it:cuir:once", "[Cuir]\nInterval: 1\nHTTP: 127.0.0.1:" + web.getLocalPort()
                    + ":varnish for HULK\nHULK: 127.0.0.1:" + closed + ":HULK PAS CONTENT: vraiment\n");
            Process cuir = start(config, "--once");
            String table = new String(cuir.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(cuir.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, cuir.exitValue(), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("HTTP\\s+127\\.0\\.0\\.1:\\d+\\s+UP\\s+.*")), table);
            assertTrue(table.lines().anyMatch(l -> l.matches("HULK\\s+127\\.0\\.0\\.1:" + closed + "\\s+DOWN\\s+-\\s+refused")), table);
        }
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            List<String> events = logstash.await("it:cuir:once", 1, Duration.ofSeconds(5));
            assertEquals(1, events.size(), events.toString());
            JsonNode e = LogstashDocuments.assertValid(events.get(0), "ecs");
            assertEquals("HULK 127.0.0.1:" + closed + " is down: connection refused (first probe) — HULK PAS CONTENT: vraiment",
                    e.path("message").textValue(), "text after a second colon is kept");
            assertEquals("HULK", e.path("moustash").path("program").textValue());
        }
    }

    @Test
    void theDaemonReportsADownTargetAndItsRecoveryThenStopsOnSigterm() throws Exception {
        int port = freePort();
        Path config = config("it:cuir:daemon", "[cuir]\ninterval = 0.2\ntimeout = 0.5\nreport = changes\n"
                + "db: 127.0.0.1:" + port + ":primary database\n");
        Process cuir = start(config);
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            List<String> down = logstash.await("it:cuir:daemon", 1, Duration.ofSeconds(15));
            assertEquals(1, down.size(), "the down event");
            JsonNode d = LogstashDocuments.assertValid(down.get(0), "ecs");
            assertEquals("down", d.path("event").path("action").textValue());
            assertTrue(d.path("tags").toString().contains("notification"));
            try (ServerSocket db = listener(port)) {
                List<String> up = logstash.await("it:cuir:daemon", 1, Duration.ofSeconds(15));
                assertEquals(1, up.size(), "the recovery event");
                JsonNode u = LogstashDocuments.assertValid(up.get(0), "ecs");
                assertEquals("recovered", u.path("event").path("action").textValue());
                assertTrue(u.path("message").textValue().matches("db 127\\.0\\.0\\.1:" + port
                        + " recovered after (less than 1|\\d+) s — primary database"), u.path("message").textValue());
            }
        } finally {
            cuir.destroy();
            assertTrue(cuir.waitFor(15, TimeUnit.SECONDS), "cuir stops on SIGTERM");
        }
        assertEquals(0, cuir.exitValue(), "SIGTERM is a clean stop, after the shutdown path has run");
    }
}
