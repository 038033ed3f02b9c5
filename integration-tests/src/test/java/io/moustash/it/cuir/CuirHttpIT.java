package io.moustash.it.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cuir jar as a daemon with an HTTP probe, against Debian's redis-server, in the legacy shape. */
class CuirHttpIT {
    @TempDir
    Path dir;

    @Test
    void theDaemonReportsAnHttpFailureAndItsRecoveryWithItsFields() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/health", exchange -> {
            byte[] body = ("{\"status\":\"" + (status.get() == 200 ? "ok" : "failing") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        Path config = dir.resolve("cuir-http.ini");
        Files.writeString(config, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                + "\nredis_namespace = it:cuir:http\nevent_format = legacy\n"
                + "[cuir]\ninterval = 0.2\ntimeout = 1\nreport = changes\n"
                + "[cuir:api]\nurl = " + url + "\njson = status = ok\nmessage = the API\n");
        Process cuir = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("moustash.root", ".."), "cuir", "target", "cuir.jar").toString(),
                "-c", config.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            List<String> down = logstash.await("it:cuir:http", 1, Duration.ofSeconds(15));
            assertEquals(1, down.size(), "the down event");
            JsonNode d = LogstashDocuments.assertValid(down.get(0), "legacy");
            assertEquals("http_status", d.path("reason").textValue());
            assertEquals("status 503, expected 200-399", d.path("detail").textValue());
            assertEquals(503, d.path("status_code").intValue());
            assertEquals(url, d.path("url").textValue());
            status.set(200);
            List<String> up = logstash.await("it:cuir:http", 1, Duration.ofSeconds(15));
            assertEquals(1, up.size(), "the recovery event");
            JsonNode u = LogstashDocuments.assertValid(up.get(0), "legacy");
            assertEquals("up", u.path("state").textValue());
            assertEquals("down", u.path("previous_state").textValue());
            assertEquals(200, u.path("status_code").intValue());
            assertEquals("the API", u.path("message").textValue());
            assertTrue(u.path("first_byte_us").isIntegralNumber() && u.path("connect_us").isIntegralNumber(), u.toString());
        } finally {
            cuir.destroy();
            assertTrue(cuir.waitFor(15, TimeUnit.SECONDS), "cuir stops on SIGTERM");
            server.stop(0);
        }
        assertEquals(0, cuir.exitValue());
    }
}
