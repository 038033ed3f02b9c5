package io.moustash.cuir.probe;

import io.moustash.cuir.check.Details;
import io.moustash.cuir.config.ProbeSpec;
import java.time.Instant;

/**
 * What one probe found. Immutable.
 *
 * @param at when the probe started
 * @param reason why it is not UP; {@code null} when UP
 * @param detail one line of explanation: the error, the unmatched reply, the plugin's output; may be {@code null}
 * @param durationNanos time the whole probe took
 * @param details what the kind of check found besides: the address, the exit status, the timings
 */
public record ProbeResult(ProbeSpec spec, Instant at, Status status, Reason reason, String detail, long durationNanos,
        Details details) {

    /** The reason and detail as one line, e.g. {@code refused} or {@code plugin_status: DISK CRITICAL}. */
    public String explanation() {
        String r = reason == null ? "" : reason.text();
        if (detail == null || detail.isEmpty()) {
            return r;
        }
        return r.isEmpty() ? detail : r + ": " + detail;
    }
}
