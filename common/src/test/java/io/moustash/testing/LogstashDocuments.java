package io.moustash.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/** Checks that a document is what logstash's json codec and Elasticsearch accept. */
public final class LogstashDocuments {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private LogstashDocuments() {
    }

    /** {@code document} as the docs show it: indented, one member per line. */
    public static String pretty(JsonNode document) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** As {@link #pretty(JsonNode)}, for a document's text. */
    public static String pretty(String document) {
        return pretty(parse(document));
    }

    public static JsonNode parse(String document) {
        try {
            JsonNode node = JSON.readTree(document);
            if (node == null || !node.isObject()) {
                fail("not a JSON object: " + document);
            }
            return node;
        } catch (IOException e) {
            return fail("not valid JSON: " + e.getMessage() + ": " + document);
        }
    }

    /** Asserts the logstash v1 essentials and the host shape of {@code format} ("ecs" or "legacy"); returns the parsed object. */
    public static JsonNode assertValid(String document, String format) {
        JsonNode node = parse(document);
        assertTrue(TIMESTAMP.matcher(node.path("@timestamp").asText()).matches(),
                "@timestamp in ISO-8601 UTC with milliseconds: " + document);
        assertEquals("1", node.path("@version").textValue(), "@version \"1\": " + document);
        assertTrue(node.path("message").isTextual(), "message is a string: " + document);
        assertTrue(node.path("type").isTextual(), "type is a string: " + document);
        JsonNode tags = node.path("tags");
        assertTrue(tags.isArray(), "tags is an array: " + document);
        tags.forEach(tag -> assertTrue(tag.isTextual(), "every tag is a string: " + document));
        if (format.equals("ecs")) {
            assertTrue(node.path("host").isObject(), "host is an object in ECS: " + document);
            assertTrue(node.path("host").path("name").isTextual(), "host.name is a string: " + document);
            assertEquals("moustash", node.path("event").path("module").textValue(), document);
        } else {
            assertTrue(node.path("host").isTextual(), "host is a string in legacy: " + document);
            assertTrue(node.path("program").isTextual(), "program is a string in legacy: " + document);
            assertTrue(node.path("source").isTextual(), "source is a string in legacy: " + document);
        }
        return node;
    }
}
