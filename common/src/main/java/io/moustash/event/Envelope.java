package io.moustash.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The logstash v1 fields both shapes share, written first and in this order. */
final class Envelope {
    static final String FIELD_TIMESTAMP = "@timestamp";
    static final String FIELD_VERSION = "@version";
    static final String DEFAULT_VERSION = "1";
    static final String FIELD_MESSAGE = "message";
    static final String FIELD_TYPE = "type";
    static final String FIELD_TAGS = "tags";

    private Envelope() {
    }

    private static final JsonWriter.Encoded VERSION = JsonWriter.Encoded.of(DEFAULT_VERSION);

    /** @param message the event's message in the shape being written */
    static JsonDocument start(Event event, String message, EventSettings settings, ToolParts tool) {
        JsonDocument doc = new JsonDocument();
        doc.put(FIELD_TIMESTAMP, Timestamps.format(event.timestamp()));
        doc.put(FIELD_VERSION, VERSION);
        doc.put(FIELD_MESSAGE, message);
        doc.put(FIELD_TYPE, event.type().equals(tool.tool()) ? tool.name() : event.type());
        doc.put(FIELD_TAGS, event.tags().isEmpty() && settings.tags().isEmpty() ? tool.tags() : tags(event, settings));
        return doc;
    }

    /** The tool's name first, as the original did, then the event's tags, then the configured ones. */
    private static List<String> tags(Event event, EventSettings settings) {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(event.tool());
        tags.addAll(event.tags());
        tags.addAll(settings.tags());
        return List.copyOf(tags);
    }

    /** Keys a tool or user field may not replace: they are what makes the document a logstash event. */
    static boolean reserved(String key) {
        return key.equals(FIELD_TIMESTAMP) || key.equals(FIELD_VERSION) || key.equals(FIELD_TAGS);
    }
}
