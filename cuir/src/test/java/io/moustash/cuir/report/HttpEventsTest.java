package io.moustash.cuir.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.HttpDetails;
import io.moustash.cuir.check.TlsClient;
import io.moustash.cuir.check.http.HttpKind;
import io.moustash.cuir.check.http.HttpUrl;
import io.moustash.cuir.check.http.JsonRule;
import io.moustash.cuir.check.http.StatusCodes;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Observation;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.event.UserFields;
import io.moustash.testing.DocExamples;
import io.moustash.testing.LogstashDocuments;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An HTTP probe's event in both shapes; the HTTP examples of docs/events.md are rendered here. */
class HttpEventsTest {
    private static final Instant AT = Instant.parse("2024-06-03T08:15:42.123Z");

    private static String render(Event event, EventFormat format) {
        byte[] json = EventEncoder.of(new EventSettings(format, "web1", List.of())).encode(event);
        JsonNode node = LogstashDocuments.assertValid(new String(json, StandardCharsets.UTF_8),
                format == EventFormat.ECS ? "ecs" : "legacy");
        return LogstashDocuments.pretty(node);
    }

    private static Observation queueTooLong() throws Exception {
        HttpCheck check = new HttpCheck(HttpUrl.parse("https://api.internal:8443/health"), "GET", StatusCodes.DEFAULT, null,
                List.of(JsonRule.parse("status = ok"), JsonRule.parse("queue.depth < 1000 else warning")), List.of(), false,
                new TlsClient(null, null, null, true), HttpKind.DEFAULT_CERT_WARN_DAYS);
        ProbeSpec spec = new ProbeSpec("api", check, "", Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                ActiveWindows.always(), List.of(), UserFields.NONE);
        HttpDetails details = new HttpDetails(check, check.url(), InetAddress.getByAddress("api.internal", new byte[] {(byte) 192, 0, 2, 10}),
                200, 0, 412, 380, 2950, 1830, Instant.parse("2024-09-01T00:00:00Z"));
        ProbeResult r = new ProbeResult(spec, AT, Status.WARNING, Reason.JSON_MISMATCH, "queue.depth is 1500, expected < 1000",
                6_120_000, details);
        return new Observation(r, 1, Optional.of(Status.UP), Optional.of(Status.WARNING), true, Optional.of(AT), Optional.empty());
    }

    @Test
    void aJsonRuleWarningInBothShapes() throws Exception {
        Event event = ProbeEvents.of(queueTooLong(), true);
        String ecs = render(event, EventFormat.ECS);
        String legacy = render(event, EventFormat.LEGACY);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("https://api.internal:8443/health", e.path("url").path("full").textValue());
        assertEquals(200, e.path("http").path("response").path("status_code").intValue());
        assertEquals(1830, e.path("moustash").path("cuir").path("http").path("first_byte_us").intValue());
        assertEquals("192.0.2.10:8443", e.path("moustash").path("source").textValue());
        assertEquals("api 192.0.2.10:8443 has a warning: queue.depth is 1500, expected < 1000", e.path("message").textValue());
        JsonNode l = LogstashDocuments.parse(legacy);
        assertEquals("api warning: json_mismatch: queue.depth is 1500, expected < 1000", l.path("message").textValue(),
                "the legacy shape keeps the original's message");
        assertEquals(2950, l.path("tls_us").intValue());
        assertEquals("https://api.internal:8443/health", l.path("url").textValue());
        assertTrue(l.path("redirects").isMissingNode(), "no redirect followed, no field");
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-http", ecs);
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-http", legacy);
    }
}
