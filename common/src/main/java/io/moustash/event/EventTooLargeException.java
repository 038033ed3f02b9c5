package io.moustash.event;

import io.moustash.common.UsageException;

/**
 * An event whose JSON document would be longer than {@link EventEncoder#MAX_DOCUMENT_BYTES}: the
 * encoder stops writing it there rather than hold a document that large in a small heap. It is the
 * input's doing (a message of quotes or control characters grows up to six times once escaped), so
 * it is a usage error, exit 64; nothing of the event was sent or spooled.
 */
public final class EventTooLargeException extends UsageException {
    private final int limit;

    public EventTooLargeException(int limit) {
        super("the event's JSON document would be larger than " + size(limit));
        this.limit = limit;
    }

    /** The limit that was reached, in bytes. */
    public int limit() {
        return limit;
    }

    /** {@code 8 MiB}, or the bytes when not a whole number of MiB. */
    static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
