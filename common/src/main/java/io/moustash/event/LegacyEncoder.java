package io.moustash.event;

import java.util.Map;

/**
 * The original Moustash's shape: flat fields, {@code host} as a string, {@code program} and
 * {@code source}, so logstash filters and Kibana searches written for it keep working. A user's
 * fields (see {@link UserFields}) are top-level keys as given, dotted ones included.
 */
final class LegacyEncoder implements EventEncoder {
    /** The legacy name of ECS {@code event.id}; the original Moustash had no id. */
    static final String FIELD_EVENT_ID = "event_id";

    private final EventSettings settings;
    private final JsonWriter.Encoded hostname;

    LegacyEncoder(EventSettings settings) {
        this.settings = settings;
        this.hostname = JsonWriter.Encoded.of(settings.hostname());
    }

    @Override
    public byte[] encode(Event event) {
        ToolParts parts = ToolParts.forTool(event.tool());
        JsonDocument doc = Envelope.start(event, event.legacyMessage(), settings, parts);
        doc.put("host", hostname);
        doc.put("program", event.program() == null ? parts.name() : event.program());
        doc.put("source", event.source() == null ? hostname : event.source());
        if (event.id() != null) {
            doc.put(FIELD_EVENT_ID, event.id());
        }
        for (EventField field : event.fields()) {
            if (field.legacyName() != null && !Envelope.reserved(field.legacyName())) {
                doc.put(field.legacyName(), field.value());
            }
        }
        for (Map.Entry<String, Object> field : event.userFields().entries()) {
            if (!Envelope.reserved(field.getKey())) {
                doc.put(field.getKey(), field.getValue());
            }
        }
        // The configured fields fill in; they replace neither the event's own nor the tool's.
        for (Map.Entry<String, Object> field : settings.fields().entries()) {
            String key = field.getKey();
            if (!Envelope.reserved(key) && !doc.has(key)
                    && !event.userFields().clashesWith(key)) {
                doc.put(key, field.getValue());
            }
        }
        return doc.toBytes();
    }
}
