package io.moustash.cuir.check;

import io.moustash.event.Event;

/**
 * What one probe of a kind found beyond its status and detail: the address connected to, the exit
 * status, the timings. Each kind writes its own event fields and {@code --once} cells, so that
 * events and tables need no branch per kind. Immutable.
 */
public sealed interface Details permits TcpDetails, CommandDetails, HttpDetails {

    /** Writes the check's fields and this probe's findings, in both shapes. */
    void describe(Event.Builder event);

    /** The legacy event's {@code source}: where the probe went, as {@code ip:port}; {@code null} for none. */
    String source();

    /** The {@code --once} TARGET cell: the configured target, and what it resolved to when that differs. */
    String target();

    /** The {@code --once} TIME cell, from the probe's own timing or {@code durationNanos}. */
    String time(long durationNanos);
}
