package io.moustash.it.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's monitoring-plugins run by the cuir jar: their performance data land in Redis as numbers. */
class CuirPluginsIT {
    private static final String PLUGINS = "/usr/lib/nagios/plugins/";

    @TempDir
    Path dir;

    private Path config(String key, String format, String cuir) throws IOException {
        Path file = dir.resolve(key.replace(':', '-') + ".ini");
        Files.writeString(file, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                + "\nredis_namespace = " + key + "\nevent_format = " + format + "\n" + cuir);
        return file;
    }

    private static String once(Path config) throws Exception {
        Process cuir = CuirJar.start(config, "--once");
        try {
            String table = new String(cuir.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(cuir.waitFor(60, TimeUnit.SECONDS), table);
            assertTrue(cuir.exitValue() <= 3, "a Nagios status, not a failure to run: " + cuir.exitValue() + "\n" + table);
            return table;
        } finally {
            cuir.destroyForcibly();
        }
    }

    private static Map<String, JsonNode> byProbe(String key, int count, String format) throws InterruptedException {
        Map<String, JsonNode> events = new HashMap<>();
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            for (String json : logstash.await(key, count, Duration.ofSeconds(10))) {
                JsonNode e = LogstashDocuments.assertValid(json, format);
                events.put(format.equals("ecs") ? e.path("moustash").path("cuir").path("probe").textValue()
                        : e.path("probe").textValue(), e);
            }
        }
        assertEquals(count, events.size(), events.keySet().toString());
        return events;
    }

    private static JsonNode number(JsonNode metrics, String name) {
        JsonNode value = metrics.path(name);
        assertTrue(value.isNumber(), name + " is a JSON number: " + metrics);
        return value;
    }

    @Test
    void checkLoadCheckDiskAndCheckProcsMetricsAreNumbers() throws Exception {
        Path config = config("it:cuir:plugins", "ecs", "[cuir]\nreport = all\ntimeout = 20\n"
                + "[cuir:load]\ncommand = " + PLUGINS + "check_load -w 1000,1000,1000 -c 2000,2000,2000\n"
                + "[cuir:disk]\ncommand = " + PLUGINS + "check_disk -w 1% -c 1% -p /\n"
                + "[cuir:procs]\ncommand = " + PLUGINS + "check_procs -w 100000 -c 200000\n");
        String table = once(config);
        assertTrue(table.lines().anyMatch(l -> l.matches("load\\s+.*\\s+UP\\s+.*LOAD OK - total load average: .*")), table);
        Map<String, JsonNode> events = byProbe("it:cuir:plugins", 3, "ecs");

        JsonNode load = events.get("load").path("moustash").path("cuir");
        for (String name : List.of("load1", "load5", "load15")) {
            assertTrue(number(load.path("metrics"), name).doubleValue() >= 0);
        }
        assertEquals(1000, load.path("perfdata").path("load1").path("warn").doubleValue());
        assertEquals(2000, load.path("perfdata").path("load15").path("crit").doubleValue());
        assertTrue(events.get("load").path("message").textValue().startsWith("load is up: LOAD OK - total load average: "),
                events.get("load").path("message").textValue());
        assertTrue(!events.get("load").path("message").textValue().contains("|"), "the text before | only");

        JsonNode disk = events.get("disk").path("moustash").path("cuir");
        assertTrue(number(disk.path("metrics"), "_").longValue() > 0, "check_disk's / is named _: " + disk);
        assertEquals("/", disk.path("perfdata").path("_").path("label").textValue());
        assertTrue(disk.path("perfdata").path("_").path("max").longValue() > 0, disk.toString());

        JsonNode procs = events.get("procs").path("moustash").path("cuir");
        assertTrue(number(procs.path("metrics"), "procs").intValue() >= 1, "at least cuir's own JVM: " + procs);
        assertEquals(100000, procs.path("perfdata").path("procs").path("warn").intValue());
        assertEquals(0, events.get("procs").path("process").path("exit_code").intValue());
    }

    @Test
    void theLegacyShapeCarriesTheSameNumbers() throws Exception {
        Path config = config("it:cuir:plugins:legacy", "legacy", "[cuir]\nreport = all\ntimeout = 20\n"
                + "[cuir:load]\ncommand = " + PLUGINS + "check_load -w 1000,1000,1000 -c 2000,2000,2000\n");
        once(config);
        JsonNode load = byProbe("it:cuir:plugins:legacy", 1, "legacy").get("load");
        assertTrue(number(load.path("metrics"), "load1").doubleValue() >= 0);
        assertEquals(0, load.path("perfdata").path("load5").path("min").intValue());
    }
}
