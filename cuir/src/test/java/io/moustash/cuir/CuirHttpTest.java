package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cuir.testing.HttpTargets;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.cuir.testing.TestPki;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashList;
import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTP probes through the real command: --once's table and exit status, the events in Redis in both shapes, --check-config. */
class CuirHttpTest {
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static HttpTargets targets;
    private static int http;
    private static int clientOnly;
    private static int closed;
    private final CuirCommand cuir = new CuirCommand();
    private final StringWriter out = cuir.out;
    private final StringWriter err = cuir.err;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        targets = new HttpTargets();
        http = targets.http();
        clientOnly = targets.https(pki.serverContext("valid"), true);
        closed = LoopbackTargets.closedPort();
    }

    @AfterAll
    static void stop() {
        targets.close();
    }

    private int run(String... args) {
        return cuir.run(args);
    }

    private Path config(String key, String format) throws IOException {
        Path file = dir.resolve(key.replace(':', '-') + ".ini");
        Files.writeString(file, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + redis.port()
                + "\nredis_namespace = " + key + "\nhostname = probe-host\nevent_format = " + format + "\n"
                + "[cuir]\nreport = all\n"
                + "[cuir:api]\nurl = http://127.0.0.1:" + http + "/json\njson = status = ok\n"
                + "json = queue.depth < 1000 else warning\n"
                + "[cuir:secure]\nurl = https://127.0.0.1:" + clientOnly + "/\nexpect = ^hello\ntls_ca = " + pki.caFile()
                + "\ntls_cert = " + pki.clientCert() + "\ntls_key = " + pki.clientKey() + "\n"
                + "[cuir:gone]\nurl = http://127.0.0.1:" + closed + "/\n");
        return file;
    }

    private static Map<String, JsonNode> byProbe(List<String> events, String format, String nameField) {
        Map<String, JsonNode> probes = new HashMap<>();
        for (String event : events) {
            JsonNode e = LogstashDocuments.assertValid(event, format);
            probes.put(nameField.equals("probe") ? e.path("probe").textValue()
                    : e.path("moustash").path("cuir").path("probe").textValue(), e);
        }
        return probes;
    }

    @Test
    void onceProbesHttpAndHttpsAndPublishesEcsEvents() throws Exception {
        Path file = config("cuir:http-ecs", "ecs");
        assertEquals(2, run("-c", file.toString(), "--once"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(1).matches("api\\s+http://127\\.0\\.0\\.1:" + http + "/json\\s+WARNING\\s+\\d+\\.\\d ms\\s+"
                + "json_mismatch: queue\\.depth is 1500, expected < 1000"), lines.get(1));
        assertTrue(lines.get(2).matches("secure\\s+https://127\\.0\\.0\\.1:" + clientOnly + "/\\s+UP\\s+\\d+\\.\\d ms"), lines.get(2));
        assertTrue(lines.get(3).matches("gone\\s+http://127\\.0\\.0\\.1:" + closed + "/\\s+DOWN\\s+\\d+\\.\\d ms\\s+refused"), lines.get(3));
        try (LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            Map<String, JsonNode> events = byProbe(reader.await("cuir:http-ecs", 3, Duration.ofSeconds(5)), "ecs", "moustash");
            JsonNode api = events.get("api");
            assertEquals("http://127.0.0.1:" + http + "/json", api.path("url").path("full").textValue());
            assertEquals(200, api.path("http").path("response").path("status_code").intValue());
            assertEquals("GET", api.path("http").path("request").path("method").textValue());
            assertEquals("warning", api.path("moustash").path("cuir").path("status").textValue());
            JsonNode timings = api.path("moustash").path("cuir").path("http");
            assertTrue(timings.path("dns_us").isIntegralNumber() && timings.path("connect_us").isIntegralNumber()
                    && timings.path("first_byte_us").isIntegralNumber(), timings.toString());
            assertTrue(timings.path("tls_us").isMissingNode(), "no TLS over http");
            JsonNode secure = events.get("secure");
            assertTrue(secure.path("moustash").path("cuir").path("http").path("tls_us").isIntegralNumber(), secure.toString());
            assertTrue(secure.path("tls").path("server").path("not_after").isTextual(), secure.toString());
            assertEquals("127.0.0.1:" + clientOnly, secure.path("moustash").path("source").textValue());
            assertEquals("refused", events.get("gone").path("moustash").path("cuir").path("reason").textValue());
        }
    }

    @Test
    void theLegacyShapeHasFlatFields() throws Exception {
        Path file = config("cuir:http-legacy", "legacy");
        assertEquals(2, run("-c", file.toString(), "--once"), err.toString());
        try (LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            Map<String, JsonNode> events = byProbe(reader.await("cuir:http-legacy", 3, Duration.ofSeconds(5)), "legacy", "probe");
            JsonNode secure = events.get("secure");
            assertEquals("https://127.0.0.1:" + clientOnly + "/", secure.path("url").textValue());
            assertEquals(200, secure.path("status_code").intValue());
            assertEquals("secure", secure.path("program").textValue());
            assertEquals("127.0.0.1:" + clientOnly, secure.path("source").textValue());
            for (String timing : List.of("dns_us", "connect_us", "tls_us", "first_byte_us")) {
                assertTrue(secure.path(timing).isIntegralNumber(), timing + " in " + secure);
            }
            assertEquals("json_mismatch", events.get("api").path("reason").textValue());
        }
    }

    @Test
    void checkConfigListsTheHttpProbes() throws Exception {
        Path file = config("cuir:http-check", "ecs");
        assertEquals(0, run("-c", file.toString(), "--check-config"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
                file + ": 3 probes, report all, interval 5 s, timeout 3 s",
                "  api: http http://127.0.0.1:" + http + "/json every 5 s, timeout 3 s, status 200-399, json status = ok,"
                        + " json queue.depth < 1000 else warning",
                "  secure: http https://127.0.0.1:" + clientOnly + "/ every 5 s, timeout 3 s, status 200-399, expect /^hello/,"
                        + " client certificate " + pki.clientCert() + ", verify against " + pki.caFile()
                        + ", warn 14 days before expiry",
                "  gone: http http://127.0.0.1:" + closed + "/ every 5 s, timeout 3 s, status 200-399"), lines);
    }
}
