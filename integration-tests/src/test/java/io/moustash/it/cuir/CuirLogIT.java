package io.moustash.it.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cuir daemons, one publishing ECS and one legacy, follow a real log file while the test
 * appends to it, rotates it, truncates it, removes it and writes it again, as logrotate and
 * applications do; every round's count is read back from Redis.
 */
class CuirLogIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** One daemon's events for probe {@code errors}, read as they come, in both shapes through one reading. */
    private static final class Feed implements AutoCloseable {
        final String key;
        final boolean ecs;
        final Process cuir;
        final LogstashRedisReader reader = new LogstashRedisReader(Services.redisUrl());

        Feed(String key, boolean ecs, Process cuir) {
            this.key = key;
            this.ecs = ecs;
            this.cuir = cuir;
        }

        JsonNode cuirPart(JsonNode e) {
            return ecs ? e.path("moustash").path("cuir") : e;
        }

        int matches(JsonNode e) {
            return cuirPart(e).path("metrics").path("matches").intValue();
        }

        String detail(JsonNode e) {
            return cuirPart(e).path("detail").asText("");
        }

        List<String> lines(JsonNode e) {
            List<String> lines = new ArrayList<>();
            (ecs ? cuirPart(e).path("log").path("lines") : e.path("lines")).forEach(l -> lines.add(l.textValue()));
            return lines;
        }

        /** Events of probe {@code probe} until {@code done} holds for those read so far; fails after {@link #WAIT}. */
        List<JsonNode> until(String probe, Predicate<List<JsonNode>> done) throws InterruptedException {
            List<JsonNode> events = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (String json : reader.readBatch(key)) {
                    JsonNode e = LogstashDocuments.assertValid(json, ecs ? "ecs" : "legacy");
                    if (probe.equals(cuirPart(e).path("probe").textValue())) {
                        assertTrue(cuirPart(e).path("metrics").path("matches").isInt(), "a number: " + json);
                        events.add(e);
                    }
                }
                if (done.test(events)) {
                    return events;
                }
                Thread.sleep(50);
            }
            throw new AssertionError(key + ": not seen within " + WAIT + " in " + events);
        }

        /** Events until their counts add up to {@code total}, which they must not pass. */
        List<JsonNode> counting(int total) throws InterruptedException {
            List<JsonNode> events = until("errors", es -> es.stream().mapToInt(this::matches).sum() >= total);
            assertEquals(total, events.stream().mapToInt(this::matches).sum(), key + ": " + events);
            return events;
        }

        @Override
        public void close() throws InterruptedException {
            reader.close();
            cuir.destroy();
            assertTrue(cuir.waitFor(15, TimeUnit.SECONDS), "cuir stops on SIGTERM");
            assertEquals(0, cuir.exitValue(), "a clean stop");
        }
    }

    private Feed start(String key, String format, Path log) throws IOException {
        Path config = dir.resolve(format + ".ini");
        Files.writeString(config, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                + "\nredis_namespace = " + key + "\nevent_format = " + format + "\n"
                + "[cuir]\ninterval = 0.3\ntimeout = 2\nreport = all\n"
                + "[cuir:errors]\nfile = " + log + "\nmatch = ERROR\nmax = 2\n"
                + "[cuir:beat]\nfile = " + log + "\nmatch = heartbeat\nmin = 1\n");
        return new Feed(key, format.equals("ecs"), CuirJar.start(config));
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void theDaemonCountsNewLinesThroughRotationTruncationAndRemoval() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "ERROR written before Cuir started\n");
        try (Feed ecs = start("it:cuir:log:ecs", "ecs", log); Feed legacy = start("it:cuir:log:legacy", "legacy", log)) {
            List<Feed> feeds = List.of(ecs, legacy);
            for (Feed f : feeds) {
                JsonNode first = f.until("errors", es -> !es.isEmpty()).get(0);
                assertEquals("first round: 0 new lines, counting starts at the end of " + log, f.detail(first));
                assertEquals(0, f.matches(first));
            }

            append(log, "ERROR one\nINFO fine\nERROR two\nERROR three\n");
            for (Feed f : feeds) {
                JsonNode burst = f.counting(3).stream().filter(e -> f.matches(e) > 0).findFirst().orElseThrow();
                assertEquals(3, f.matches(burst), "one write, one round");
                assertEquals("too_many_matches", f.cuirPart(burst).path("reason").textValue());
                assertTrue(f.detail(burst).matches("3 lines matching /ERROR/ in [0-9.]+ s, more than max 2"), f.detail(burst));
                assertEquals(List.of("ERROR one", "ERROR two", "ERROR three"), f.lines(burst));
            }

            append(log, "ERROR the old file's last line\n");
            Files.move(log, dir.resolve("app.log.1"));
            Files.writeString(log, "ERROR the new file's first line\n");
            for (Feed f : feeds) {
                List<JsonNode> events = f.counting(2);
                assertTrue(events.stream().anyMatch(e -> f.detail(e).contains("(file rotated)")
                        || f.detail(e).contains("(file missing)")), events.toString());
            }

            append(log, "INFO " + "x".repeat(300) + "\n");
            for (Feed f : feeds) {
                f.until("errors", es -> es.stream().anyMatch(e -> f.cuirPart(e).path("log").path("bytes_read").intValue() > 300
                        || e.path("bytes_read").intValue() > 300));
            }
            Files.writeString(log, "ERROR after copytruncate\n");
            for (Feed f : feeds) {
                List<JsonNode> events = f.counting(1);
                assertTrue(events.stream().anyMatch(e -> f.detail(e).contains("(file truncated)")), events.toString());
            }

            Files.delete(log);
            for (Feed f : feeds) {
                f.until("errors", es -> es.stream().anyMatch(e -> f.detail(e).matches("no line matching /ERROR/ in [0-9.]+ s \\(file missing\\)")));
            }
            Files.writeString(log, "ERROR back again\n");
            for (Feed f : feeds) {
                List<JsonNode> events = f.counting(1);
                assertEquals(List.of("ERROR back again"), f.lines(events.get(events.size() - 1)));
            }

            // Silence: the heartbeat probe is down while no heartbeat comes, up in the round after one does.
            JsonNode silent = ecs.until("beat", es -> es.stream().anyMatch(e -> "too_few_matches".equals(
                    ecs.cuirPart(e).path("reason").textValue()))).stream()
                    .filter(e -> "too_few_matches".equals(ecs.cuirPart(e).path("reason").textValue())).findFirst().orElseThrow();
            assertTrue(ecs.detail(silent).matches("no line matching /heartbeat/ in [0-9.]+ s.*"), ecs.detail(silent));
            append(log, "heartbeat\n");
            ecs.until("beat", es -> es.stream().anyMatch(e -> ecs.matches(e) == 1
                    && "up".equals(ecs.cuirPart(e).path("status").textValue())));
        }
    }
}
