package io.moustash.panpan.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.event.UserFields;
import io.moustash.testing.LogstashDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTemplateTest {
    private static final EventSettings ECS = new EventSettings(EventFormat.ECS, "web1", List.of());
    private static final EventSettings LEGACY = ECS.withFormat(EventFormat.LEGACY);

    private static JsonNode encode(Event event, EventSettings settings, String format) {
        String json = new String(EventEncoder.of(settings).encode(event), StandardCharsets.UTF_8);
        return LogstashDocuments.assertValid(json, format);
    }

    private static EventTemplate template(String type, String program, UserFields fields) {
        return new EventTemplate(type, List.of("cli"), program, null, false, fields, Clock.systemUTC());
    }

    @Test
    void theCommandLineWinsOverTheJsonObject() {
        Event event = template("deploy", "shop", UserFields.builder().put("env", "prod").build())
                .json("{\"type\":\"other\",\"program\":\"theirs\",\"source\":\"ci\",\"env\":\"dev\",\"tags\":\"json\"}");
        JsonNode doc = encode(event, LEGACY, "legacy");
        assertEquals("deploy", doc.path("type").textValue());
        assertEquals("shop", doc.path("program").textValue());
        assertEquals("ci", doc.path("source").textValue(), "the object fills what the command line left open");
        assertEquals("prod", doc.path("env").textValue());
        assertEquals("[\"panpan\",\"json\",\"cli\"]", doc.path("tags").toString());
    }

    @Test
    void objectsAndListsWhereTextBelongsAreKeptAside() {
        Event event = template(null, null, UserFields.NONE).json(
                "{\"message\":{\"text\":\"hi\"},\"type\":[1,2],\"tags\":{\"a\":1},\"event\":\"x\",\"host\":\"build-7\"}");
        JsonNode doc = encode(event, ECS, "ecs");
        assertTrue(doc.path("message").textValue().startsWith("{\"message\""), "the line itself: " + doc);
        assertEquals("hi", doc.path("_message").path("text").textValue());
        assertEquals("panpan", doc.path("type").textValue());
        assertEquals("[1,2]", doc.path("_type").toString());
        assertEquals(1, doc.path("_tags").path("a").intValue());
        assertEquals("x", doc.path("labels").path("event").textValue(), "ECS's event object survives");
        assertEquals("moustash", doc.path("event").path("module").textValue());
        assertEquals("build-7", doc.path("host").path("name").textValue());
        JsonNode legacy = encode(event, LEGACY, "legacy");
        assertEquals("build-7", legacy.path("host").textValue());
        assertEquals("x", legacy.path("event").textValue());
    }

    @Test
    void oddKeysNeverBreakTheDocument() {
        Event event = template(null, null, UserFields.NONE).json("{\".\":1,\"a..b\":2,\"\":3,\"x.\":4,\"n\":null,\"e\":{}}");
        JsonNode doc = encode(event, ECS, "ecs");
        assertEquals(1, doc.path("_").intValue());
        assertEquals(2, doc.path("a__b").intValue());
        assertEquals(3, doc.path("").intValue());
        assertEquals(4, doc.path("x_").intValue());
        assertTrue(doc.path("n").isMissingNode() && doc.path("e").isMissingNode(), doc.toString());
    }
}
