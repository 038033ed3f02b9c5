package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.LogstashList;
import io.moustash.testing.RedisFixture;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line: modes, exit statuses, what goes to stdout and stderr. */
class CuirTest {
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    private final LoopbackTargets targets = new LoopbackTargets();
    @TempDir
    Path dir;
    private final CuirCommand cuir = new CuirCommand();
    private final StringWriter out = cuir.out;
    private final StringWriter err = cuir.err;

    @AfterEach
    void closeTargets() {
        targets.close();
    }

    private int run(String... args) {
        return cuir.run(args);
    }

    private Path config(String key, String more) throws IOException {
        return CuirCommand.config(dir, redis.port(), key, more);
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("--check-config"), out.toString());
        assertTrue(out.toString().contains("Exit status:"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("cuir "), out.toString());
    }

    @Test
    void onceWithAllUpExitsZeroAndPublishesNothingInFailuresMode() throws Exception {
        Path file = config("cuir:up", "[cuir]\nweb: 127.0.0.1:" + targets.listening() + ":web server\n"
                + "[cuir:v6]\nhost = ::1\nport = " + targets.listeningV6() + "\n");
        assertEquals(0, run("-c", file.toString(), "--once"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("NAME", "TARGET", "STATUS", "TIME", "REASON"), List.of(lines.get(0).split("\\s+")));
        assertTrue(lines.get(1).matches("web\\s+127\\.0\\.0\\.1:\\d+\\s+UP\\s+\\d+\\.\\d\\d ms"), lines.get(1));
        assertTrue(lines.get(2).matches("v6\\s+\\[::1]:\\d+\\s+UP\\s+\\d+\\.\\d\\d ms"), lines.get(2));
        try (LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            assertEquals(List.of(), reader.drain("cuir:up"));
        }
    }

    @Test
    void onceWithATargetDownExitsTwoAndPublishesItsFailure() throws Exception {
        int closed = LoopbackTargets.closedPort();
        Path file = config("cuir:down", "[cuir]\nweb: 127.0.0.1:" + targets.listening() + ":web server\n"
                + "db: 127.0.0.1:" + closed + ":primary: the one that matters\n");
        assertEquals(2, run("-c", file.toString(), "--once"), err.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("db\\s+127\\.0\\.0\\.1:" + closed + "\\s+DOWN\\s+-\\s+refused")),
                out.toString());
        try (LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            List<String> events = reader.await("cuir:down", 1, Duration.ofSeconds(5));
            assertEquals(1, events.size(), events.toString());
            JsonNode e = LogstashDocuments.assertValid(events.get(0), "ecs");
            assertEquals("db 127.0.0.1:" + closed + " is down: connection refused (first probe) — primary: the one that matters",
                    e.path("message").textValue());
            assertEquals("[\"cuir\",\"db\",\"notification\"]", e.path("tags").toString());
            assertTrue(e.path("moustash").path("cuir").path("previous_state").isMissingNode(),
                    "no memory between runs: a failure is down from the start, not from up");
            assertEquals("127.0.0.1:" + closed, e.path("moustash").path("source").textValue());
            assertEquals("refused", e.path("moustash").path("cuir").path("reason").textValue());
        }
    }

    @Test
    void onceExitsThreeForUnknownAndOneForWarning() throws Exception {
        Path unknown = config("cuir:unknown", "[cuir:plugin]\ncommand = /bin/sh -c 'echo UNKNOWN - no idea; exit 3'\n"
                + "[cuir:ok]\ncommand = /bin/sh -c 'echo OK'\n");
        assertEquals(3, run("-c", unknown.toString(), "--once", "--no-publish"), err.toString());
        assertTrue(out.toString().contains("UNKNOWN  "), out.toString());
        assertTrue(out.toString().contains("plugin_status: UNKNOWN - no idea"), out.toString());
        Path warning = config("cuir:warning", "[cuir:plugin]\ncommand = /bin/sh -c 'echo WARNING - 9%; exit 1'\n");
        assertEquals(1, run("-c", warning.toString(), "--once", "--no-publish"), err.toString());
    }

    @Test
    void onceSpoolsAndSaysSoWhenTheBrokerIsAway() throws Exception {
        Path file = dir.resolve("away.ini");
        Path spool = dir.resolve("spool");
        int port = RedisFixture.freePort();
        Files.writeString(file, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + port
                + "\nredis_timeout = 1\nspool_dir = " + spool + "\n[cuir]\ndb: 127.0.0.1:"
                + LoopbackTargets.closedPort() + ":x\n");
        assertEquals(2, run("-c", file.toString(), "--once"), err.toString());
        assertTrue(out.toString().contains("DOWN"), out.toString());
        assertTrue(err.toString().contains("cuir: broker unavailable (redis 127.0.0.1:" + port
                + ": connection refused): 1 event kept in the spool, to be delivered"), err.toString());
        try (var files = Files.walk(spool)) {
            List<Path> all = files.toList();
            assertTrue(all.stream().anyMatch(f -> f.toString().endsWith(".spool")), "the event is on disk: " + all);
        }
    }

    @Test
    void onceExits78WhenTheConfiguredSpoolCannotBeWritten() throws Exception {
        Path file = dir.resolve("nowhere.ini");
        Path blocked = Files.writeString(dir.resolve("a-file"), "").resolve("spool");
        Files.writeString(file, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + RedisFixture.freePort()
                + "\nredis_timeout = 1\nspool_dir = " + blocked + "\n[cuir]\ndb: 127.0.0.1:"
                + LoopbackTargets.closedPort() + ":x\n");
        assertEquals(78, run("-c", file.toString(), "--once"), err.toString());
        assertTrue(err.toString().contains("spool_dir " + blocked + ": cannot create or write this directory"),
                err.toString());
    }

    @Test
    void checkConfigListsTheProbes() throws Exception {
        Path file = config("cuir:check", "[cuir]\ninterval = 10\nSSH: 127.0.0.1:22:ssh\n"
                + "[cuir:web]\nhost = localhost\nport = 443\ntls = yes\nexpect = ^HTTP\nsend = HEAD / HTTP/1.0\\r\\n\\r\\n\n"
                + "down_after = 3\nfail_interval = 2\nactive = 12345;08:00-18:00\nescalate = 1:ops 3:oncall,dba\n"
                + "remind = 900\n");
        assertEquals(0, run("-c", file.toString(), "--check-config"), err.toString());
        assertEquals(List.of(
                file + ": 2 probes, report failures, interval 10 s, timeout 3 s",
                "  SSH: connect 127.0.0.1:22 every 10 s, timeout 3 s",
                "  web: connect localhost:443 every 10 s, timeout 3 s, fail_interval 2 s, down_after 3, "
                        + "tls (warn 14 days before expiry), send 19 bytes, expect /^HTTP/, active 12345;08:00-18:00, "
                        + "escalate 1:ops 3:oncall,dba, remind 900 s"),
                out.toString().lines().toList());
    }

    @Test
    void checkConfigNamesTheMistakesOfTheFile() throws Exception {
        Path file = config("cuir:mistakes", "interval = 5\n[curi]\nWEB: 127.0.0.1:80:web\n[panpan]\ntype = deploy\n"
                + "[cuir]\nintervall = 5\ntimeout = 2\nSSH: 127.0.0.1:22:ssh\ntimeout = 4\n");
        assertEquals(0, run("-c", file.toString(), "--check-config"), err.toString());
        assertEquals(List.of(
                file + ": [curi]: unknown section, ignored (did you mean [cuir]?)",
                file + ": [panpan]: unknown section, ignored (PanPan has no section: it reads [moustash], "
                        + "its own settings are command-line options)",
                file + ": [moustash] interval: unknown option, ignored (interval belongs in [cuir])",
                file + ": [cuir] timeout: set twice, on lines 13 and 15; line 15 is used",
                file + ": [cuir] intervall: unknown option, ignored (did you mean interval?)"),
                err.toString().lines().toList());
        assertEquals(List.of(file + ": 1 probe, report failures, interval 5 s, timeout 4 s",
                "  SSH: connect 127.0.0.1:22 every 5 s, timeout 4 s"), out.toString().lines().toList());
    }

    @Test
    void configErrorsAreAllReportedWithExit78() throws Exception {
        Path file = config("cuir:bad", "[cuir]\nnoport: 127.0.0.1\nbig: 127.0.0.1:99999:x\n[cuir:re]\nhost = 127.0.0.1\n"
                + "port = 1\nexpect = [a-\n");
        assertEquals(78, run("-c", file.toString(), "--once"));
        assertEquals(List.of(
                "cuir: " + file + ": [cuir] noport = 127.0.0.1: missing port: expected host:port:informations",
                file + ": [cuir] big = 127.0.0.1:99999:x: port 99999 out of range: expected a port number from 1 to 65535",
                file + ": [cuir:re] expect = [a-: not a valid regular expression: Illegal character range near index 3"),
                err.toString().lines().toList());
        assertEquals("", out.toString());
    }

    @Test
    void noProbesIsAConfigError() throws Exception {
        Path file = config("cuir:none", "[cuir]\ninterval = 5\n");
        assertEquals(78, run("-c", file.toString()));
        assertEquals("cuir: " + file + ": no probes: add lines such as SSH: 127.0.0.1:22:ssh server to [cuir], "
                + "or [cuir:NAME] sections", err.toString().strip());
    }

    @Test
    void contradictoryOptionsAreUsageErrors() throws Exception {
        assertEquals(64, run("--once", "--check-config"));
        assertEquals("cuir: --once and --check-config cannot be combined", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(64, run("--bogus"));
        assertTrue(err.toString().startsWith("cuir: Unknown option: '--bogus'"), err.toString());
    }
}
