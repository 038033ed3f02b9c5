package io.moustash.cuir.check;

import io.moustash.event.Event;
import java.util.Locale;

/**
 * What one probe of a kind found beyond its status and detail: the address connected to, the exit
 * status, the timings. Each kind writes its own event fields and {@code --once} cells, so that
 * events and tables need no branch per kind. Immutable.
 */
public sealed interface Details permits TcpDetails, CommandDetails, HttpDetails, LogDetails {
    /** Where Cuir's own fields go in the ECS shape. */
    String PREFIX = "moustash.cuir.";

    /** The check that was probed. */
    Check check();

    /** Writes the check's fields and this probe's findings, in both shapes. */
    void describe(Event.Builder event);

    /** The legacy event's {@code source}: where the probe went, as {@code ip:port}; {@code null} for none. */
    default String source() {
        return null;
    }

    /** The {@code --once} TARGET cell: the configured target, and what it resolved to when that differs. */
    default String target() {
        return check().target();
    }

    /** The {@code --once} TIME cell: the probe's own timing, else its run time ({@code durationNanos}). */
    default String time(long durationNanos) {
        return String.format(Locale.ROOT, "%.1f ms", durationNanos / 1e6);
    }

    /**
     * Whether the result's detail is the target's own words (a plugin's output line), which the
     * original sent as the message when the probe has no informations text.
     */
    default boolean detailIsOwnWords() {
        return false;
    }
}
