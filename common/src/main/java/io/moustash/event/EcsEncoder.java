package io.moustash.event;

import java.util.Map;
import java.util.Set;

/**
 * The ECS shape, for Logstash 8 and Elasticsearch: a string {@code host} is rejected there
 * ({@code tried to parse field [host] as object}), so the host is {@code host.name}; the tool is
 * {@code event.dataset}; what ECS has no name for sits under {@code moustash.*}. A user's fields
 * (see {@link UserFields}) are dotted paths from the top: they merge into the objects written before
 * them ({@code event.action} beside {@code event.module}), but a plain value aimed at one of the
 * objects the envelope owns would wipe it out ({@code "host": "web1"} in place of {@code host.name}),
 * so it moves: {@code host} to {@code host.name}, {@code event}, {@code moustash} and {@code labels}
 * under {@code labels}.
 */
final class EcsEncoder implements EventEncoder {
    static final String MODULE = "moustash";

    static final String HOST = "host";
    static final String EVENT = "event";
    static final String LABELS = "labels";
    /** The object of what ECS has no name for. */
    static final String MOUSTASH = "moustash";

    private static final JsonWriter.Encoded MODULE_JSON = JsonWriter.Encoded.of(MODULE);

    /** The objects the envelope writes, which a user's plain value may not replace. */
    private static final Set<String> OWNED = Set.of(HOST, EVENT, MOUSTASH, LABELS);

    private final EventSettings settings;
    private final JsonWriter.Encoded hostname;

    EcsEncoder(EventSettings settings) {
        this.settings = settings;
        this.hostname = JsonWriter.Encoded.of(settings.hostname());
    }

    /** Where a user's field goes in ECS: its dotted key, unless that is an object the envelope owns. */
    static String path(String key) {
        if (!OWNED.contains(key)) {
            return key;
        }
        return key.equals(HOST) ? HOST + ".name" : LABELS + "." + key;
    }

    @Override
    public byte[] encode(Event event) {
        ToolParts parts = ToolParts.forTool(event.tool());
        JsonDocument doc = Envelope.start(event, event.message(), settings, parts);
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
        for (Map.Entry<String, Object> field : event.userFields().entries()) {
            if (!Envelope.reserved(field.getKey())) {
                doc.putPath(path(field.getKey()), field.getValue());
            }
        }
        // The configured fields fill in; they replace neither the event's own nor the tool's.
        for (Map.Entry<String, Object> field : settings.fields().entries()) {
            String path = path(field.getKey());
            if (!Envelope.reserved(field.getKey()) && !doc.hasPath(path)
                    && !event.userFields().clashesWith(field.getKey())) {
                doc.putPath(path, field.getValue());
            }
        }
        return doc.toBytes();
    }

}
