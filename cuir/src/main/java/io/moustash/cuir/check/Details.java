package io.moustash.cuir.check;

import io.moustash.event.Event;

/**
 * What one probe of a kind found beyond its status and detail: the address connected to, the exit
 * status, the timings. Each kind writes its own event fields and {@code --once} cells, so that
 * events and tables need no branch per kind. Immutable.
 */
public sealed interface Details permits TcpDetails, CommandDetails, HttpDetails, LogDetails {

    /** Writes the check's fields and this probe's findings, in both shapes. */
    void describe(Event.Builder event);

    /** The legacy event's {@code source}: where the probe went, as {@code ip:port}; {@code null} for none. */
    String source();

    /** The {@code --once} TARGET cell: the configured target, and what it resolved to when that differs. */
    String target();

    /** The {@code --once} TIME cell, from the probe's own timing or {@code durationNanos}. */
    String time(long durationNanos);

    /**
     * Whether the result's detail is the target's own words (a plugin's output line), which the
     * original sent as the message when the probe has no informations text.
     */
    default boolean detailIsOwnWords() {
        return false;
    }
}
