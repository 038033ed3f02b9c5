package io.moustash.it.panpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.RedisFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** panpan.jar run as a child process, as shell scripts and cron run it, against Debian's redis-server. */
class PanPanIT {
    private static final String KEY = "it:panpan";
    private static LogstashRedisReader logstash;
    private static Path config;

    @TempDir
    static Path dir;

    @BeforeAll
    static void connect() throws Exception {
        logstash = new LogstashRedisReader(Services.redisUrl());
        config = Files.writeString(dir.resolve("moustash.ini"), "[Moustash]\ntransport: redis\nredis_ip: 127.0.0.1\n"
                + "redis_port: " + Services.redisPort() + "\nredis_namespace: " + KEY + "\n");
    }

    @AfterAll
    static void disconnect() {
        logstash.close();
    }

    @AfterEach
    void emptyTheList() {
        logstash.commands().del(KEY);
    }

    private static List<String> received(int count) throws InterruptedException {
        List<String> documents = logstash.await(KEY, count, Duration.ofSeconds(10));
        assertEquals(count, documents.size());
        return documents;
    }

    @Test
    void oneShotDeliversAndSaysNothing() throws Exception {
        PanPanProcess.Result run = PanPanProcess.run("-c", config.toString(), "-T", "cron", "-f", "took=12", "backup done");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.out() + run.err(), "silent on success");
        JsonNode doc = LogstashDocuments.assertValid(received(1).get(0), "ecs");
        assertEquals("backup done", doc.path("message").textValue());
        assertEquals(12, doc.path("took").intValue());
        assertEquals("[\"panpan\",\"cron\"]", doc.path("tags").toString());
    }

    @Test
    void theOriginalFormAsOldScriptsCallIt() throws Exception {
        PanPanProcess.Result run = PanPanProcess.run("-c", config.toString(), "--format", "legacy",
                "nightly failed", "backup", "db1", "True");
        assertEquals(0, run.exit(), run.toString());
        JsonNode doc = LogstashDocuments.assertValid(received(1).get(0), "legacy");
        assertEquals("backup", doc.path("program").textValue());
        assertEquals("db1", doc.path("source").textValue());
        assertEquals("[\"panpan\",\"notification\"]", doc.path("tags").toString());
    }

    @Test
    void cronsPosixLocaleKeepsUtf8AndReplacesBrokenBytes() throws Exception {
        // bash's printf makes the raw bytes: 'é' in UTF-8, then a lone 0xFF.
        String script = "exec \"$@\" \"$(printf 'h\\303\\251llo \\377 end')\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
        command.addAll(PanPanProcess.command("-c", config.toString()));
        PanPanProcess.Result run = PanPanProcess.run(new byte[0], Map.of("LC_ALL", "C", "LANG", "C"), command);
        assertEquals(0, run.exit(), run.toString());
        assertEquals("h\u00e9llo \uFFFD end",
                LogstashDocuments.assertValid(received(1).get(0), "ecs").path("message").textValue());
    }

    @Test
    void aOneMegabyteMessageFromStdin() throws Exception {
        String big = "z".repeat(1024 * 1024);
        PanPanProcess.Result run = PanPanProcess.run((big + "\n").getBytes(StandardCharsets.UTF_8), Map.of(),
                PanPanProcess.command("-c", config.toString(), "-"));
        assertEquals(0, run.exit(), run.toString());
        assertEquals(big, LogstashDocuments.assertValid(received(1).get(0), "ecs").path("message").textValue());
    }

    @Test
    void stdinStreamOfTenThousandLinesArrivesInOrder() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            lines.append(i % 100 == 0 ? "not json " + i : "{\"message\":\"line " + i + "\",\"n\":" + i + "}").append('\n');
        }
        PanPanProcess.Result run = PanPanProcess.run(lines.toString().getBytes(StandardCharsets.UTF_8), Map.of(),
                PanPanProcess.command("-c", config.toString(), "--stdin", "--json", "-T", "app"));
        assertEquals(0, run.exit(), run.toString());
        assertEquals("panpan: 100 of 10000 lines were not JSON objects; sent as plain text tagged _jsonparsefailure\n",
                run.err());
        List<String> documents = received(10_000);
        for (int i = 0; i < documents.size(); i += 1111) {
            JsonNode doc = LogstashDocuments.assertValid(documents.get(i), "ecs");
            assertEquals(i % 100 == 0 ? "not json " + i : "line " + i, doc.path("message").textValue());
        }
    }

    @Test
    void stdinSendsEachLineWhileThePipeStaysOpen() throws Exception {
        PanPanProcess process = PanPanProcess.start(PanPanProcess.command("-c", config.toString(), "--stdin"), Map.of());
        process.stdin().write("first ERROR\n".getBytes(StandardCharsets.UTF_8));
        process.stdin().flush();
        List<String> first = logstash.await(KEY, 1, Duration.ofSeconds(30));
        assertEquals(1, first.size(), "the line arrived before stdin closed");
        process.stdin().write("second ERROR\n".getBytes(StandardCharsets.UTF_8));
        PanPanProcess.Result run = process.finish();
        assertEquals(0, run.exit(), run.toString());
        assertEquals("second ERROR", LogstashDocuments.assertValid(received(1).get(0), "ecs").path("message").textValue());
    }

    @Test
    void failuresAreOneLineWithTheirExitStatus() throws Exception {
        int closed = RedisFixture.freePort();
        Path down = Files.writeString(dir.resolve("down.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + closed + "\nredis_timeout = 2\nspool_dir = " + dir.resolve("spool") + "\n");
        PanPanProcess.Result spooled = PanPanProcess.run("-c", down.toString(), "kept");
        assertEquals(0, spooled.exit(), spooled.toString());
        assertEquals("panpan: broker unavailable: redis 127.0.0.1:" + closed + ": connection refused;"
                + " the event is kept in the spool and will be delivered when it is back\n", spooled.err());
        // sysfs looks writable to root but takes no file: the event can be kept nowhere.
        Path nowhere = Files.writeString(dir.resolve("nowhere.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + closed + "\nredis_timeout = 2\nspool_dir = /sys/kernel\n");
        if (Files.isWritable(Path.of("/sys/kernel"))) {
            PanPanProcess.Result lost = PanPanProcess.run("-c", nowhere.toString(), "lost");
            assertEquals(69, lost.exit(), lost.toString());
            assertTrue(lost.err().startsWith("panpan: redis 127.0.0.1:" + closed
                    + ": connection refused; spool /sys/kernel: cannot write"), lost.err());
            assertEquals(1, lost.err().lines().count(), lost.err());
        }
        Path broken = Files.writeString(dir.resolve("broken.ini"), "[moustash]\ntransport = carrier-pigeon\n");
        assertFailure(PanPanProcess.run("-c", broken.toString(), "x"), 78, null);
        assertFailure(PanPanProcess.run("-c", config.toString(), ""), 64, "panpan: empty MESSAGE\n"
                + "Try 'panpan --help' for more information.\n");
        assertEquals(0L, logstash.commands().llen(KEY));
    }

    private static void assertFailure(PanPanProcess.Result run, int exit, String err) {
        assertEquals(exit, run.exit(), run.toString());
        assertEquals("", run.out());
        if (err != null) {
            assertEquals(err, run.err());
        } else {
            assertEquals(1, run.err().lines().count(), run.err());
        }
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
    }

    @Test
    void dryRunPrintsOnStdoutOnly() throws Exception {
        PanPanProcess.Result run = PanPanProcess.run("-c", config.toString(), "--dry-run", "--hostname", "web1", "caf\u00e9");
        assertEquals(0, run.exit(), run.toString());
        JsonNode doc = LogstashDocuments.assertValid(run.out().strip(), "ecs");
        assertEquals("caf\u00e9", doc.path("message").textValue());
        assertTrue(run.err().isEmpty(), run.err());
        assertEquals(0L, logstash.commands().llen(KEY));
    }
}
