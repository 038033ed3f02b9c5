package io.moustash.it.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cuir daemon as supervisord runs it, against Debian's redis-server and loopback ports the test
 * opens and closes: a target down from the start, escalation, reminders, the recovery to every step
 * reached, a failure told when its active window opens, and the heartbeat; each in the ECS and the
 * legacy shape, from two daemons running side by side.
 */
class CuirAlertsIT {
    private static final Duration BOUND = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    private final List<Process> daemons = new ArrayList<>();
    private final List<ServerSocket> listeners = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : daemons) {
            p.destroy();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "cuir stops on SIGTERM");
        }
        for (ServerSocket s : listeners) {
            s.close();
        }
    }

    /** A cuir daemon publishing to {@code key} in {@code format}; its stderr goes to a file, returned. */
    private Path daemon(String key, String format, String cuir) throws IOException {
        Path config = dir.resolve(key.replace(':', '-') + ".ini");
        Files.writeString(config, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                + "\nredis_namespace = " + key + "\nevent_format = " + format + "\nhostname = probe-host\n" + cuir);
        Path jar = Path.of(System.getProperty("moustash.root", ".."), "cuir", "target", "cuir.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the reactor before this module");
        Path stderr = dir.resolve(key.replace(':', '-') + ".stderr");
        daemons.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "-c", config.toString()).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        return stderr;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Accepts and closes connections on {@code port} until the test ends: the target comes up. */
    private void listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listeners.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    // a connect is all a probe needs
                } catch (IOException e) {
                    return;
                }
            }
        }, "target-" + port);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The first event of {@code seen} that matches, reading {@code key}'s events into {@code seen}
     * (every one, in order) until one does; fails after {@code bound}.
     */
    private static JsonNode awaitEvent(LogstashRedisReader redis, String key, String shape, List<JsonNode> seen,
            Duration bound, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                if (wanted.test(seen.get(checked))) {
                    return seen.get(checked);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such event on " + key + " within " + bound + " among " + seen.size()
                        + " events; the last: " + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1)));
            }
            List<String> batch = redis.readBatch(key);
            batch.forEach(json -> seen.add(LogstashDocuments.assertValid(json, shape)));
            if (batch.isEmpty()) {
                Thread.sleep(20);
            }
        }
    }

    private static List<String> tags(JsonNode e) {
        return StreamSupport.stream(e.path("tags").spliterator(), false).map(JsonNode::textValue).toList();
    }

    private static String text(JsonNode e, String ecsPath, String legacyName, boolean ecs) {
        JsonNode node = e;
        for (String step : (ecs ? ecsPath : legacyName).split("\\.")) {
            node = node.path(step);
        }
        return node.isMissingNode() ? null : node.asText();
    }

    @Test
    void aTargetDownFromTheStartEscalatesRemindsAndRecoversToEveryStepReached() throws Exception {
        int db = freePort();
        int web = freePort();
        listen(web);
        String cuir = "[cuir]\ninterval = 0.2\ntimeout = 0.5\nreport = changes\nescalate = 1:ops 3:oncall,dba\n"
                + "remind = 1.5\nheartbeat_interval = 0.5\n"
                + "db: 127.0.0.1:" + db + ":primary database\nweb: 127.0.0.1:" + web + ":front end\n";
        Path ecsLog = daemon("it:cuir:alerts:ecs", "ecs", cuir);
        Path legacyLog = daemon("it:cuir:alerts:legacy", "legacy", cuir);
        try (LogstashRedisReader redis = new LogstashRedisReader(Services.redisUrl())) {
            List<JsonNode> ecs = new ArrayList<>();
            List<JsonNode> legacy = new ArrayList<>();
            for (boolean isEcs : new boolean[] {true, false}) {
                String key = isEcs ? "it:cuir:alerts:ecs" : "it:cuir:alerts:legacy";
                String shape = isEcs ? "ecs" : "legacy";
                List<JsonNode> seen = isEcs ? ecs : legacy;
                JsonNode down = awaitEvent(redis, key, shape, seen, BOUND, e -> tags(e).contains("db"));
                assertEquals(List.of("cuir", "db", "notify:ops", "notification"), tags(down), "the first failure, to ops");
                assertEquals(null, text(down, "moustash.cuir.previous_state", "previous_state", isEcs),
                        "down from the start: never up");
                assertEquals("down", text(down, "moustash.cuir.state", "state", isEcs));
                assertEquals(isEcs ? "db 127.0.0.1:" + db + " is down: connection refused (first probe) — primary database"
                        : "primary database", down.path("message").textValue(), "legacy: the original's message");
                JsonNode escalated = awaitEvent(redis, key, shape, seen, BOUND,
                        e -> tags(e).contains("notify:oncall"));
                assertEquals(List.of("cuir", "db", "notify:oncall", "notify:dba", "notification"), tags(escalated));
                assertEquals("3", text(escalated, "moustash.cuir.consecutive_failures", "consecutive_failures", isEcs));
                JsonNode reminder = awaitEvent(redis, key, shape, seen, BOUND, e -> tags(e).contains("reminder"));
                assertEquals(List.of("cuir", "db", "notify:ops", "notify:oncall", "notify:dba", "reminder", "notification"),
                        tags(reminder), "a reminder to everyone told so far");
                JsonNode beat = awaitEvent(redis, key, shape, seen, BOUND, e -> tags(e).contains("heartbeat")
                        && "1".equals(text(e, "moustash.cuir.probes.down", "probes_down", isEcs)));
                assertEquals(List.of("cuir", "heartbeat"), tags(beat));
                assertEquals("2", text(beat, "moustash.cuir.probes.total", "probes", isEcs));
                assertEquals("1", text(beat, "moustash.cuir.probes.up", "probes_up", isEcs));
                assertEquals("cuir is running: 2 probes, 1 up, 1 down", beat.path("message").textValue());
            }
            listen(db);
            for (boolean isEcs : new boolean[] {true, false}) {
                String key = isEcs ? "it:cuir:alerts:ecs" : "it:cuir:alerts:legacy";
                List<JsonNode> seen = isEcs ? ecs : legacy;
                JsonNode back = awaitEvent(redis, key, isEcs ? "ecs" : "legacy", seen, BOUND,
                        e -> "up".equals(text(e, "moustash.cuir.state", "state", isEcs)));
                assertEquals(List.of("cuir", "db", "notify:ops", "notify:oncall", "notify:dba", "notification"), tags(back),
                        "the recovery, to every step reached");
                assertEquals("down", text(back, "moustash.cuir.previous_state", "previous_state", isEcs));
                if (isEcs) {
                    assertEquals("recovered", back.path("event").path("action").textValue());
                    assertTrue(back.path("message").textValue().matches(
                            "db 127\\.0\\.0\\.1:" + db + " recovered after (less than 1|\\d+) s — primary database"), back.toString());
                } else {
                    assertEquals("primary database", back.path("message").textValue());
                }
                List<JsonNode> probeEvents = seen.stream().filter(e -> !tags(e).contains("heartbeat")).toList();
                assertFalse(probeEvents.stream().anyMatch(e -> tags(e).contains("web")),
                        "a first success sets the state without an event in report = changes");
                assertTrue(probeEvents.stream().allMatch(e -> tags(e).contains("notification")),
                        "report = changes: nothing but the notifications");
            }
        }
        for (Path log : List.of(ecsLog, legacyLog)) {
            String stderr = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(stderr.contains("cuir: db 127.0.0.1:" + db + " down (refused), first probe; notify ops"), stderr);
            assertTrue(stderr.contains("cuir: db 127.0.0.1:" + db + " still down (3rd failure): escalated; notify oncall, dba"),
                    stderr);
            assertTrue(stderr.contains("cuir: db 127.0.0.1:" + db + " down -> up; notify ops, oncall, dba"), stderr);
        }
    }

    /** The event's time on this machine's clock, as Cuir's windows read it. */
    private static LocalDateTime local(JsonNode e) {
        return LocalDateTime.ofInstant(Instant.parse(e.path("@timestamp").textValue()), ZoneId.systemDefault());
    }

    @Test
    void aTargetDownBeforeItsWindowOpensIsNotifiedWhenItOpens() throws Exception {
        // The window opens at the next minute that leaves a few seconds to start both daemons.
        LocalDateTime opens = LocalDateTime.now().plusSeconds(5).plusMinutes(1).withSecond(0).withNano(0);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        String window = opens.format(hhmm) + "-" + opens.plusMinutes(30).format(hhmm);
        int db = freePort();
        String cuir = "[cuir]\ninterval = 0.5\ntimeout = 0.5\nheartbeat_interval = 0\n[cuir:db]\nhost = 127.0.0.1\n"
                + "port = " + db + "\nmessage = primary database\nescalate = 1:ops 2:oncall\nactive = " + window + "\n";
        daemon("it:cuir:window:ecs", "ecs", cuir);
        daemon("it:cuir:window:legacy", "legacy", cuir);
        try (LogstashRedisReader redis = new LogstashRedisReader(Services.redisUrl())) {
            for (boolean isEcs : new boolean[] {true, false}) {
                String key = isEcs ? "it:cuir:window:ecs" : "it:cuir:window:legacy";
                String shape = isEcs ? "ecs" : "legacy";
                List<JsonNode> seen = new ArrayList<>();
                JsonNode outside = awaitEvent(redis, key, shape, seen, BOUND, e -> true);
                assertEquals(List.of("cuir", "db"), tags(outside), "down outside the window: published, not notified");
                assertEquals("false", text(outside, "moustash.cuir.active", "active", isEcs));
                assertTrue(local(outside).isBefore(opens), "the first probe came before the window opened: " + outside);
                JsonNode told = awaitEvent(redis, key, shape, seen, Duration.ofSeconds(80),
                        e -> tags(e).contains("notification"));
                assertFalse(local(told).isBefore(opens), "told once the window is open, not before: " + told);
                assertTrue(local(told).isBefore(opens.plusSeconds(5)), "with the first probe inside it: " + told);
                assertEquals(List.of("cuir", "db", "notify:ops", "notify:oncall", "notification"), tags(told),
                        "every step reached while the window was closed");
                assertEquals("true", text(told, "moustash.cuir.active", "active", isEcs));
                assertEquals("down", text(told, "moustash.cuir.state", "state", isEcs));
                if (isEcs) {
                    assertEquals("window_opened", told.path("event").path("action").textValue());
                    assertTrue(told.path("message").textValue().matches("db 127\\.0\\.0\\.1:" + db
                            + " is still down after (less than 1 s|\\d+ (s|min)): connection refused \\(\\d+(st|nd|rd|th) failure\\) "
                            + "— primary database"), told.path("message").textValue());
                } else {
                    assertEquals("primary database", told.path("message").textValue());
                }
                Thread.sleep(1000);
                redis.drain(key).forEach(json -> seen.add(LogstashDocuments.assertValid(json, shape)));
                assertEquals(1, seen.stream().filter(e -> tags(e).contains("notification")).count(),
                        "told once, then plain failures (report = failures)");
            }
        }
    }
}
