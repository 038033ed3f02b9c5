package io.moustash.event;

/**
 * Writes an {@link Event} as one JSON document in UTF-8, in the shape chosen at configuration time.
 * Implementations are immutable and thread-safe; encoding never fails for an event built with
 * {@link Event.Builder} (strings of any content round-trip).
 */
public interface EventEncoder {
    byte[] encode(Event event);

    /** The encoder for {@code settings.format()}. */
    static EventEncoder of(EventSettings settings) {
        return switch (settings.format()) {
            case ECS -> new EcsEncoder(settings);
            case LEGACY -> new LegacyEncoder(settings);
        };
    }
}
