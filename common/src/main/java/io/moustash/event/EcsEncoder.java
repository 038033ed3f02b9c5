package io.moustash.event;

/**
 * The ECS shape, for Logstash 8 and Elasticsearch: a string {@code host} is rejected there
 * ({@code tried to parse field [host] as object}), so the host is {@code host.name}; the tool is
 * {@code event.dataset}; what ECS has no name for sits under {@code moustash.*}. Configured extra
 * fields go to {@code labels}, ECS's place for custom keywords.
 */
final class EcsEncoder implements EventEncoder {
    static final String MODULE = "moustash";

    private final EventSettings settings;

    EcsEncoder(EventSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] encode(Event event) {
        JsonDocument doc = Envelope.start(event, settings);
        doc.putPath("host.name", settings.hostname());
        doc.putPath("event.module", MODULE);
        doc.putPath("event.dataset", MODULE + "." + event.tool());
        doc.putPath("event.kind", event.kind().ecsName());
        if (event.action() != null) {
            doc.putPath("event.action", event.action());
        }
        if (event.id() != null) {
            doc.putPath("event.id", event.id());
        }
        if (event.program() != null) {
            doc.putPath("moustash.program", event.program());
        }
        if (event.source() != null) {
            doc.putPath("moustash.source", event.source());
        }
        for (EventField field : event.fields()) {
            if (!Envelope.reserved(field.ecsPath())) {
                doc.putPath(field.ecsPath(), field.value());
            }
        }
        settings.fields().forEach((key, value) -> doc.putPath("labels." + key, value));
        return doc.toBytes();
    }
}
