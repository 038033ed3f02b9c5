package io.moustash.event;

/**
 * The ECS shape, for Logstash 8 and Elasticsearch: a string {@code host} is rejected there
 * ({@code tried to parse field [host] as object}), so the host is {@code host.name}; the tool is
 * {@code event.dataset}; what ECS has no name for sits under {@code moustash.*}. Configured extra
 * fields go to {@code labels}, ECS's place for custom keywords.
 */
final class EcsEncoder implements EventEncoder {
    static final String MODULE = "moustash";

    private static final String HOST = "host";
    private static final String EVENT = "event";
    private static final String LABELS = "labels";
    /** The object of what ECS has no name for. */
    private static final String MOUSTASH = "moustash";

    private static final JsonWriter.Encoded MODULE_JSON = JsonWriter.Encoded.of(MODULE);

    private final EventSettings settings;
    private final JsonWriter.Encoded hostname;
    /** Immutable; a stale value read by another thread is only rebuilt. */
    private volatile ToolParts tool;

    EcsEncoder(EventSettings settings) {
        this.settings = settings;
        this.hostname = JsonWriter.Encoded.of(settings.hostname());
    }

    @Override
    public byte[] encode(Event event) {
        ToolParts last = tool;
        ToolParts parts = ToolParts.reuse(last, event.tool());
        if (parts != last) {
            tool = parts;
        }
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
        settings.fields().forEach((key, value) -> doc.putPath(LABELS + "." + key, value));
        return doc.toBytes();
    }

}
