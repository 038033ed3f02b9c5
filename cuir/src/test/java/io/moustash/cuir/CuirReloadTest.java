package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cli.Commands;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashList;
import io.moustash.testing.ToolJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** SIGHUP to the daemon in its own JVM: the file is read again, what changed takes effect, the rest keeps its state. */
class CuirReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    private final LoopbackTargets targets = new LoopbackTargets();
    private final List<JsonNode> events = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void closeTargets() {
        targets.close();
    }

    private Path ini(String key, String more) throws Exception {
        return Files.writeString(dir.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + redis.port() + "\nredis_namespace = " + key + "\nhostname = before\nspool_dir = " + dir.resolve("spool")
                + "\n" + more);
    }

    /** Reads the events published so far into {@link #events}, until one matches or WAIT passes. */
    private JsonNode await(String key, Predicate<JsonNode> wanted, ToolJvm cuir) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            redis.reader().readBatch(key).forEach(json -> events.add(LogstashDocuments.assertValid(json, "ecs")));
            for (; seen < events.size(); seen++) {
                if (wanted.test(events.get(seen))) {
                    return events.get(seen);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such event within " + WAIT + ": " + events + "\n" + cuir.stderr());
    }

    private static String probe(JsonNode e) {
        return e.path("moustash").path("program").textValue();
    }

    private static int failures(JsonNode e) {
        return e.path("moustash").path("cuir").path("consecutive_failures").intValue();
    }

    private static Instant at(JsonNode e) {
        return Instant.parse(e.path("@timestamp").textValue());
    }

    private List<JsonNode> of(String name) {
        return events.stream().filter(e -> name.equals(probe(e))).toList();
    }

    @Test
    void sighupAddsRemovesAndChangesProbesAndKeepsTheStateOfTheOthers() throws Exception {
        String key = "cuir:reload";
        int closed = LoopbackTargets.closedPort();
        int web = targets.listening();
        String db = "[cuir:db]\nhost = 127.0.0.1\nport = " + closed + "\ndown_after = 15\n";
        Path file = ini(key, "[cuir]\ninterval = 0.2\nreport = all\n" + db
                + "[cuir:gone]\nhost = 127.0.0.1\nport = " + web + "\n"
                + "[cuir:ch]\nhost = 127.0.0.1\nport = " + closed + "\ndown_after = 9\nmessage = before\n");
        try (ToolJvm cuir = ToolJvm.start(dir, Cuir.class, "-c", file.toString())) {
            await(key, e -> "db".equals(probe(e)) && failures(e) >= 2, cuir);
            await(key, e -> "ch".equals(probe(e)) && failures(e) >= 2, cuir);
            ini(key, "[cuir]\ninterval = 0.2\nreport = all\n" + db
                    + "[cuir:ch]\nhost = 127.0.0.1\nport = " + closed + "\ndown_after = 9\nmessage = after\n"
                    + "[cuir:added]\nhost = 127.0.0.1\nport = " + web + "\n");
            cuir.signal("HUP");
            cuir.awaitStderr("cuir: reloaded " + file + ": 1 added (added), 1 changed (ch), 1 removed (gone), 1 unchanged",
                    WAIT);
            Instant reloaded = Instant.now();
            JsonNode down = await(key, e -> "db".equals(probe(e)) && "down".equals(e.path("event").path("action").textValue()),
                    cuir);
            assertEquals(15, failures(down), "db counted its failures on through the reload, down at the 15th: " + of("db"));
            assertTrue(at(down).isAfter(reloaded), "the reload came while db was counting");
            await(key, e -> "added".equals(probe(e)), cuir);
            JsonNode changed = await(key, e -> "ch".equals(probe(e)) && e.path("message").textValue().endsWith(" — after"), cuir);
            assertEquals(1, failures(changed), "a changed probe starts again: " + of("ch"));
            Thread.sleep(500);
            await(key, e -> "added".equals(probe(e)) && at(e).isAfter(reloaded.plusMillis(500)), cuir);

            List<Integer> counted = of("db").stream().map(CuirReloadTest::failures).toList();
            for (int i = 1; i < counted.size(); i++) {
                assertEquals(counted.get(i - 1) + 1, counted.get(i), "db's failures never start again: " + counted);
            }
            assertTrue(of("gone").stream().noneMatch(e -> at(e).isAfter(reloaded)), "no probe of gone after the reload: "
                    + of("gone"));
            assertTrue(cuir.stderr().lines().noneMatch(l -> l.contains("Exception")), cuir.stderr());

            StringWriter out = new StringWriter();
            CommandLine status = Commands.commandLine(new Cuir());
            status.setOut(new PrintWriter(out, true));
            status.setErr(new PrintWriter(new StringWriter(), true));
            assertEquals(2, status.execute("-c", file.toString(), "--status"), "db is down");
            List<String> names = out.toString().lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
            assertEquals(List.of("db", "ch", "added"), names, "the reloaded probes, in the file's order: " + out);

            cuir.sigterm();
            assertEquals(0, cuir.exitStatus(WAIT), cuir.stderr());
        }
    }

    @Test
    void anInvalidFileIsReportedWholeAndTheRunningProbesGoOn() throws Exception {
        String key = "cuir:reload-invalid";
        int web = targets.listening();
        Path file = ini(key, "[cuir]\ninterval = 0.2\nreport = all\nweb: 127.0.0.1:" + web + ":web\n");
        try (ToolJvm cuir = ToolJvm.start(dir, Cuir.class, "-c", file.toString())) {
            await(key, e -> "web".equals(probe(e)), cuir);
            ini(key, "[cuir]\ninterval = 0.2\nreport = all\nweb: 127.0.0.1:" + web + ":web\nnoport: 127.0.0.1\n"
                    + "[cuir:re]\nhost = 127.0.0.1\nport = 1\nexpect = [a-\n");
            cuir.signal("HUP");
            cuir.awaitStderr("cuir: " + file + " not reloaded, the running configuration stays:", WAIT);
            cuir.awaitStderr(file + ": [cuir:re] expect = [a-: not a valid regular expression", WAIT);
            assertTrue(cuir.stderr().contains(file + ": [cuir] noport = 127.0.0.1: missing port"), cuir.stderr());
            Instant refused = Instant.now();
            await(key, e -> "web".equals(probe(e)) && at(e).isAfter(refused), cuir);

            // Fixed, with [moustash] changed too: the probes are reloaded, the broker's settings wait for a restart.
            Files.writeString(file, Files.readString(file).replace("hostname = before", "hostname = after")
                    .replace("noport: 127.0.0.1\n", "").replace("expect = [a-", "expect = a"));
            cuir.signal("HUP");
            cuir.awaitStderr("cuir: reloaded " + file + ": 1 added (re), 0 changed, 0 removed, 1 unchanged", WAIT);
            assertTrue(cuir.stderr().contains("cuir: [moustash] hostname changed: it takes effect at the next restart"
                    + " (supervisorctl restart cuir); the probes are reloaded now"), cuir.stderr());
            JsonNode re = await(key, e -> "re".equals(probe(e)), cuir);
            assertEquals("before", re.path("host").path("name").textValue(), "events keep the running [moustash]");
            assertFalse(cuir.stderr().contains("Exception"), cuir.stderr());
            cuir.sigterm();
            assertEquals(0, cuir.exitStatus(WAIT), cuir.stderr());
        }
    }
}
