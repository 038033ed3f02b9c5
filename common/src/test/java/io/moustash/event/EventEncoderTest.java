package io.moustash.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.testing.DocExamples;
import io.moustash.testing.LogstashDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
    private static final Instant WHEN = Instant.parse("2014-05-25T17:01:33.062Z");
    private static final EventSettings ECS = new EventSettings(EventFormat.ECS, "web-1", List.of("prod"),
            UserFields.parse("dc=paris"));
    private static final EventSettings LEGACY = ECS.withFormat(EventFormat.LEGACY);

    private static Event sample() {
        return Event.builder("panpan").timestamp(WHEN).message("deploy finished").tag("deploy")
                .notification(true).program("deploy.sh").source("ci-runner")
                .userFields(UserFields.parse("build=1234")).build();
    }

    private static String json(EventSettings settings, Event event) {
        return new String(EventEncoder.of(settings).encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void theEcsShape() {
        String json = json(ECS, sample());
        assertEquals("{\"@timestamp\":\"2014-05-25T17:01:33.062Z\",\"@version\":\"1\",\"message\":\"deploy finished\","
                + "\"type\":\"panpan\",\"tags\":[\"panpan\",\"deploy\",\"notification\",\"prod\"],"
                + "\"host\":{\"name\":\"web-1\"},"
                + "\"event\":{\"module\":\"moustash\",\"dataset\":\"moustash.panpan\",\"kind\":\"alert\"},"
                + "\"moustash\":{\"program\":\"deploy.sh\",\"source\":\"ci-runner\"},"
                + "\"build\":1234,\"dc\":\"paris\"}", json);
        LogstashDocuments.assertValid(json, "ecs");
        DocExamples.check(DocExamples.docs().resolve("events.md"), "envelope-ecs", LogstashDocuments.pretty(json));
    }

    @Test
    void theLegacyShape() {
        String json = json(LEGACY, sample());
        assertEquals("{\"@timestamp\":\"2014-05-25T17:01:33.062Z\",\"@version\":\"1\",\"message\":\"deploy finished\","
                + "\"type\":\"panpan\",\"tags\":[\"panpan\",\"deploy\",\"notification\",\"prod\"],"
                + "\"host\":\"web-1\",\"program\":\"deploy.sh\",\"source\":\"ci-runner\",\"build\":1234,\"dc\":\"paris\"}",
                json);
        LogstashDocuments.assertValid(json, "legacy");
        DocExamples.check(DocExamples.docs().resolve("events.md"), "envelope-legacy", LogstashDocuments.pretty(json));
    }

    /**
     * The same text as the file's {@code fields} and as an event's own (a probe's {@code fields},
     * PanPan's {@code -f}, both parsed by {@link UserFields}) gives the same document.
     */
    @Test
    void theFilesFieldsAndAnEventsOwnFollowOneRule() {
        UserFields given = UserFields.parse("n=3, ok=true, zip=007, http.status=200, http.method=GET");
        for (EventFormat format : EventFormat.values()) {
            EventSettings none = new EventSettings(format, "web-1", List.of());
            EventSettings configured = new EventSettings(format, "web-1", List.of(), given);
            String fromFile = json(configured, Event.builder("cuir").timestamp(WHEN).build());
            String fromEvent = json(none, Event.builder("cuir").timestamp(WHEN).userFields(given).build());
            assertEquals(fromFile, fromEvent, format.configName());
            JsonNode node = LogstashDocuments.assertValid(fromFile, format.configName());
            assertTrue(node.path("n").isIntegralNumber() && node.path("n").intValue() == 3, fromFile);
            assertTrue(node.path("ok").isBoolean(), fromFile);
            assertEquals("007", node.path("zip").textValue());
            if (format == EventFormat.ECS) {
                assertEquals("{\"status\":200,\"method\":\"GET\"}", node.path("http").toString());
            } else {
                assertEquals(200, node.path("http.status").intValue(), "flat by design, as Elasticsearch expands it");
            }
        }
    }

    @Test
    void anEventsFieldsWinOverTheFilesWhichNeverReplaceWhatIsThere() {
        EventSettings configured = new EventSettings(EventFormat.ECS, "web-1", List.of(),
                UserFields.parse("a=1, env=prod, dc=paris, host=elsewhere, event=x"));
        Event event = Event.builder("panpan").timestamp(WHEN).userFields(UserFields.parse("a.b=2, env=dev")).build();
        JsonNode ecs = LogstashDocuments.parse(json(configured, event));
        assertEquals("{\"b\":2}", ecs.path("a").toString(), "the file's a=1 cannot be beside the event's a.b");
        assertEquals("dev", ecs.path("env").textValue());
        assertEquals("paris", ecs.path("dc").textValue());
        assertEquals("web-1", ecs.path("host").path("name").textValue());
        assertEquals("x", ecs.path("labels").path("event").textValue(), "a plain value never wipes out ECS's event");
        JsonNode legacy = LogstashDocuments.parse(json(configured.withFormat(EventFormat.LEGACY), event));
        assertEquals(2, legacy.path("a.b").intValue());
        assertTrue(legacy.path("a").isMissingNode(), legacy.toString());
        assertEquals("dev", legacy.path("env").textValue());
        assertEquals("web-1", legacy.path("host").textValue());
    }

    @Test
    void anEventsPlainValueForAnEcsObjectMoves() {
        Event event = Event.builder("panpan").userFields(UserFields.parse("host=build-7, moustash=x, labels=y")).build();
        JsonNode ecs = LogstashDocuments.assertValid(json(ECS, event), "ecs");
        assertEquals("build-7", ecs.path("host").path("name").textValue());
        assertEquals("x", ecs.path("labels").path("moustash").textValue());
        assertEquals("y", ecs.path("labels").path("labels").textValue());
        EventSettings underLabels = new EventSettings(EventFormat.ECS, "web-1", List.of(), UserFields.parse("labels.dc=paris"));
        assertEquals("{\"dc\":\"paris\"}",
                LogstashDocuments.parse(json(underLabels, Event.builder("cuir").build())).path("labels").toString(),
                "a configured field meant for labels says so");
    }

    @Test
    void legacyFillsProgramAndSourceWhenAToolGaveNone() {
        JsonNode node = LogstashDocuments.parse(json(LEGACY, Event.builder("cuir").message("m").build()));
        assertEquals("cuir", node.path("program").textValue());
        assertEquals("web-1", node.path("source").textValue());
    }

    @Test
    void theLegacyShapeKeepsTheOriginalsMessageWhereAToolGaveOne() {
        Event event = Event.builder("fouet").message("worker exited unexpectedly").legacyMessage("PROCESS_STATE_EXITED")
                .build().withId("id-1");
        assertEquals("worker exited unexpectedly", LogstashDocuments.parse(json(ECS, event)).path("message").asText());
        assertEquals("PROCESS_STATE_EXITED", LogstashDocuments.parse(json(LEGACY, event)).path("message").asText(),
                "an id copy keeps it");
        Event plain = Event.builder("panpan").message("deploy finished").build();
        assertEquals("deploy finished", LogstashDocuments.parse(json(LEGACY, plain)).path("message").asText());
    }

    @Test
    void routineEventsAreNotAlerts() {
        JsonNode node = LogstashDocuments.parse(json(ECS, Event.builder("fouet").message("m").build()));
        assertEquals("event", node.path("event").path("kind").textValue());
        assertFalse(node.path("tags").toString().contains("notification"));
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        Event event = Event.builder("panpan").timestamp(Instant.parse("2020-01-02T03:04:05Z")).build();
        assertEquals("2020-01-02T03:04:05.000Z", LogstashDocuments.parse(json(ECS, event)).path("@timestamp").textValue());
        Event nanos = Event.builder("panpan").timestamp(Instant.parse("2020-01-02T03:04:05.123456789Z")).build();
        assertEquals("2020-01-02T03:04:05.123Z", LogstashDocuments.parse(json(ECS, nanos)).path("@timestamp").textValue());
    }

    @Test
    void anyStringRoundTrips() {
        String odd = "café ☕ 𝄞 \u0000\u0001\u001f\u007f \"quoted\" \\ back\nline\ttab \u2028";
        String big = "é".repeat(512 * 1024);
        for (EventSettings settings : List.of(ECS, LEGACY)) {
            for (String message : List.of(odd, big, "")) {
                JsonNode node = LogstashDocuments.parse(json(settings, Event.builder("panpan").message(message).build()));
                assertEquals(message, node.path("message").textValue());
            }
        }
    }

    @Test
    void aBrokenSurrogateCostsOneCharacterNotTheEvent() {
        String broken = "a\uD800b\uDC00c";
        JsonNode node = LogstashDocuments.parse(json(ECS, Event.builder("panpan").message(broken).build()));
        assertEquals("a\uFFFDb\uFFFDc", node.path("message").textValue());
    }

    @Test
    void numbersBooleansAndNestedValuesKeepTheirJsonTypes() {
        Event event = Event.builder("panpan")
                .field("moustash.panpan.count", "count", 3)
                .field("moustash.panpan.ratio", "ratio", 0.5)
                .field("moustash.panpan.ok", "ok", true)
                .field("moustash.panpan.list", "list", List.of("x", 1))
                .build();
        JsonNode legacy = LogstashDocuments.parse(json(LEGACY, event));
        assertTrue(legacy.path("count").isIntegralNumber());
        assertTrue(legacy.path("ratio").isDouble());
        assertTrue(legacy.path("ok").isBoolean());
        assertEquals("[\"x\",1]", legacy.path("list").toString());
    }

    @Test
    void toolFieldsCannotReplaceTheEnvelope() {
        Event event = Event.builder("panpan").timestamp(WHEN)
                .field(EventField.plain("@timestamp", "yesterday"))
                .field(EventField.plain("@version", "2"))
                .field(EventField.plain("tags", "x")).build();
        for (EventSettings settings : List.of(ECS, LEGACY)) {
            JsonNode node = LogstashDocuments.assertValid(json(settings, event), settings.format().configName());
            assertEquals("2014-05-25T17:01:33.062Z", node.path("@timestamp").textValue());
        }
    }

    @Test
    void aPathThroughAValueKeepsTheValueAndTheField() {
        Event event = Event.builder("panpan").field(EventField.plain("moustash.program.x", "x")).program("p").build();
        JsonNode node = LogstashDocuments.parse(json(ECS, event));
        assertEquals("p", node.path("moustash").path("program").textValue());
        assertEquals("x", node.path("moustash").path("program.x").textValue());
    }

    @Test
    void tagsAreNeverRepeated() {
        Event event = Event.builder("panpan").tag("panpan").tag("prod").tag("notification").notification(true).build();
        assertEquals("[\"panpan\",\"prod\",\"notification\"]",
                LogstashDocuments.parse(json(ECS, event)).path("tags").toString());
    }

    /** The limit is on the document: 8 MiB of text goes whole, its escapes are what can pass it. */
    @Test
    void aDocumentLongerThanTheLimitIsRefusedInBothShapes() {
        int limit = EventEncoder.MAX_DOCUMENT_BYTES;
        String plain = "a".repeat(limit - 1024);
        String quotes = "\"".repeat(limit / 2);
        String controls = "\u0001".repeat(3_000_000);
        for (EventSettings settings : List.of(ECS, LEGACY)) {
            EventEncoder encoder = EventEncoder.of(settings);
            assertEquals(plain, LogstashDocuments.parse(new String(encoder.encode(Event.builder("panpan").message(plain).build()),
                    StandardCharsets.UTF_8)).path("message").textValue());
            for (String message : List.of(quotes, controls)) {
                Event event = Event.builder("panpan").message(message).build();
                EventTooLargeException e = assertThrows(EventTooLargeException.class, () -> encoder.encode(event));
                assertEquals("the event's JSON document would be larger than 8 MiB", e.getMessage());
            }
        }
    }
}
