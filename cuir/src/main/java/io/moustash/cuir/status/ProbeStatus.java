package io.moustash.cuir.status;

import io.moustash.cuir.probe.Status;
import java.time.Instant;
import java.util.Optional;

/**
 * One probe as {@code cuir --status} shows it: what the running Cuir knows of it. Immutable.
 *
 * @param target where it probes, as the {@code --once} table shows it
 * @param seen empty until its first result since Cuir started (or since a reload changed it)
 */
public record ProbeStatus(String name, String target, int downAfter, Optional<Seen> seen) {

    /**
     * What its results made of it.
     *
     * @param state the target's state, {@code down_after} applied: a soft failure leaves it as it was;
     *     empty while its first failures are short of {@code down_after} (pending)
     * @param since when it entered that state (its first result, if it never changed since)
     * @param at when its last probe started
     * @param failures failed probes in a row, the last included; 0 when the last one succeeded
     * @param explanation the last result's reason and detail, one line; empty when it was up
     */
    public record Seen(Optional<Status> state, Instant since, Instant at, int failures, String explanation) {
    }
}
