package io.moustash.cuir.state;

import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;

/**
 * A probe result seen against the target's history.
 *
 * @param consecutiveFailures failed probes in a row, this one included; 0 when it is UP
 * @param previous the target's state before this result
 * @param state the target's state after it: a failure counts only after {@code down_after} in a row
 * @param inWindow whether the result falls inside the probe's active windows, so a change may be notified
 */
public record Observation(ProbeResult result, int consecutiveFailures, Status previous, Status state, boolean inWindow) {

    /** Whether this result changed the target's state: went down, came back, or changed kind of failure. */
    public boolean changed() {
        return previous != state;
    }

    /** Whether this result changed the state back to UP. */
    public boolean recovered() {
        return changed() && state == Status.UP;
    }
}
