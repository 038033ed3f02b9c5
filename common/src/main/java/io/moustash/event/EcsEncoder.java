package io.moustash.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ECS shape, for Logstash 8 and Elasticsearch: a string {@code host} is rejected there
 * ({@code tried to parse field [host] as object}), so the host is {@code host.name}; the tool is
 * {@code event.dataset}; what ECS has no name for sits under {@code moustash.*}. Configured extra
 * fields go to {@code labels}, ECS's place for custom keywords.
 */
final class EcsEncoder implements EventEncoder {
    static final String MODULE = "moustash";

    static final String HOST = "host";
    static final String EVENT = "event";
    static final String LABELS = "labels";
    /** The object of what ECS has no name for. */
    static final String MOUSTASH = "moustash";

    private static final JsonWriter.Encoded MODULE_JSON = JsonWriter.Encoded.of(MODULE);

    private final EventSettings settings;
    private final JsonWriter.Encoded hostname;
    /** The configured fields with their paths under {@code labels}, built once rather than per event. */
    private final List<Map.Entry<String, String>> labels;

    EcsEncoder(EventSettings settings) {
        this.settings = settings;
        this.hostname = JsonWriter.Encoded.of(settings.hostname());
        List<Map.Entry<String, String>> paths = new ArrayList<>();
        settings.fields().forEach((key, value) -> paths.add(Map.entry(LABELS + "." + key, value)));
        this.labels = List.copyOf(paths);
    }

    @Override
    public byte[] encode(Event event) {
        ToolParts parts = ToolParts.forTool(event.tool());
        JsonDocument doc = Envelope.start(event, settings, parts);
        doc.putIn(HOST, "name", hostname);
        doc.putIn(EVENT, "module", MODULE_JSON);
        doc.putIn(EVENT, "dataset", parts.dataset());
        doc.putIn(EVENT, "kind", event.kind().ecsName());
        if (event.action() != null) {
            doc.putIn(EVENT, "action", event.action());
        }
        if (event.id() != null) {
            doc.putIn(EVENT, "id", event.id());
        }
        if (event.program() != null) {
            doc.putIn(MOUSTASH, "program", event.program());
        }
        if (event.source() != null) {
            doc.putIn(MOUSTASH, "source", event.source());
        }
        for (EventField field : event.fields()) {
            if (!Envelope.reserved(field.ecsPath())) {
                doc.putPath(field.ecsPath(), field.value());
            }
        }
        for (Map.Entry<String, String> label : labels) {
            doc.putPath(label.getKey(), label.getValue());
        }
        return doc.toBytes();
    }

}
