package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashList;
import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Log probes and plugin metrics on the command line: --check-config, --once, and what is published. */
class CuirLogAndPluginTest {
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    @TempDir
    Path dir;
    private final CuirCommand cuir = new CuirCommand();
    private final StringWriter out = cuir.out;
    private final StringWriter err = cuir.err;

    private int run(String... args) {
        return cuir.run(args);
    }

    private Path config(String key, String more) throws IOException {
        return CuirCommand.config(dir, redis.port(), key, more);
    }

    @Test
    void checkConfigListsALogProbeWithItsRules() throws Exception {
        Path log = Files.writeString(dir.resolve("app.log"), "");
        Path file = config("cuir:logcheck", "[cuir:errors]\nfile = " + log + "\nmatch = ERROR|FATAL\nmax = 0\n"
                + "interval = 60\n[cuir:beat]\nfile = " + log + "\nmatch = heartbeat\nmin = 1\ninterval = 300\n");
        assertEquals(0, run("-c", file.toString(), "--check-config"), err.toString());
        assertEquals(List.of(
                file + ": 2 probes, report failures, interval 5 s, timeout 3 s",
                "  errors: log " + log + " every 60 s, timeout 3 s, match /ERROR|FATAL/, max 0",
                "  beat: log " + log + " every 300 s, timeout 3 s, match /heartbeat/, min 1"),
                out.toString().lines().toList());
        assertEquals("", err.toString());
    }

    @Test
    void onceSaysALogProbesOnlyRoundFindsTheEndOfTheFile() throws Exception {
        Path log = Files.writeString(dir.resolve("app.log"), "heartbeat\nERROR before\n");
        Path file = config("cuir:logonce", "[cuir:beat]\nfile = " + log + "\nmatch = heartbeat\nmin = 1\n");
        assertEquals(0, run("-c", file.toString(), "--once", "--no-publish"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(1).matches("beat\\s+" + log + "\\s+UP\\s+\\d+\\.\\d ms\\s+"
                + "first round: 0 new lines, counting starts at the end of " + log), lines.get(1));
    }

    @Test
    void aPluginsMetricsArePublishedAsNumbers() throws Exception {
        Path file = config("cuir:metrics", "[cuir]\nreport = all\n[cuir:users]\ncommand = /bin/sh -c "
                + "'echo \"USERS OK - 2 users currently logged in |users=2;5;10;0\"'\n");
        assertEquals(0, run("-c", file.toString(), "--once"), err.toString());
        String row = out.toString().lines().toList().get(1);
        assertTrue(row.endsWith(" ms  USERS OK - 2 users currently logged in"), "the text before | only: " + row);
        try (LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            List<String> events = reader.await("cuir:metrics", 1, Duration.ofSeconds(5));
            JsonNode e = LogstashDocuments.assertValid(events.get(0), "ecs");
            assertEquals("users is up: USERS OK - 2 users currently logged in", e.path("message").textValue());
            JsonNode users = e.path("moustash").path("cuir").path("metrics").path("users");
            assertTrue(users.isNumber(), events.get(0));
            assertEquals(2, users.intValue());
            assertEquals(10, e.path("moustash").path("cuir").path("perfdata").path("users").path("crit").intValue());
        }
    }
}
