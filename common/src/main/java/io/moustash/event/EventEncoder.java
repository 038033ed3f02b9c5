package io.moustash.event;

/**
 * Writes an {@link Event} as one JSON document in UTF-8, in the shape chosen at configuration time.
 * Implementations are immutable and thread-safe; strings of any content round-trip. Encoding fails
 * only for a document longer than {@link #MAX_DOCUMENT_BYTES}, and does so before holding more
 * than that.
 */
public interface EventEncoder {
    /**
     * {@value} bytes (8 MiB): the longest JSON document of one event. It bounds the memory an event
     * takes in the tools' small heaps (PanPan runs in 64 MiB); escaping grows text up to six times
     * ({@code \u0001}), so the limit is on the document, not on the message. Far above what the
     * tools send otherwise (Fouet's payloads stop at a million characters, 6 MiB escaped), far
     * below what Redis (512 MB), RabbitMQ (16 MiB by default since 4.0) or the spool accept.
     */
    int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    /**
     * The event's JSON document.
     *
     * @throws EventTooLargeException when it would be longer than {@link #MAX_DOCUMENT_BYTES}
     */
    byte[] encode(Event event);

    /** The encoder for {@code settings.format()}. */
    static EventEncoder of(EventSettings settings) {
        return switch (settings.format()) {
            case ECS -> new EcsEncoder(settings);
            case LEGACY -> new LegacyEncoder(settings);
        };
    }
}
