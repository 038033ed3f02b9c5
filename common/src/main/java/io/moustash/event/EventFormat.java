package io.moustash.event;

/** The two shapes an event can take on the wire; {@code event_format} in {@code [moustash]}. */
public enum EventFormat {
    /** For Logstash 8 and Elasticsearch's ECS mappings: {@code host.name}, {@code event.*}. */
    ECS,
    /** The original Moustash's flat fields: {@code host} as a string, {@code program}, {@code source}. */
    LEGACY;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
