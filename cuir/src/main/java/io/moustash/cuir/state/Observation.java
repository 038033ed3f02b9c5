package io.moustash.cuir.state;

import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A probe result seen against the target's history.
 *
 * @param consecutiveFailures failed probes in a row, this one included; 0 when it is UP
 * @param previous the target's state before this result; empty until a first result set it
 * @param state the target's state after it: a failure counts only after {@code down_after} in a
 *     row; empty while the first results are failures short of that
 * @param inWindow whether the result falls inside the probe's active windows, so that it may notify
 * @param failingSince the first failure of the current run of failures, or of the run a recovery
 *     ends; empty on a plain success
 * @param notice what people are told, if anything
 */
public record Observation(ProbeResult result, int consecutiveFailures, Optional<Status> previous,
        Optional<Status> state, boolean inWindow, Optional<Instant> failingSince, Optional<Notice> notice) {

    /**
     * Whether this result changed the target's state: went down (from up or from the start), came
     * back, or changed kind of failure. A first success only sets the state: no change.
     */
    public boolean changed() {
        return state.isPresent() && !state.equals(previous) && !(previous.isEmpty() && state.get() == Status.UP);
    }

    /** Whether this result changed the state back to UP. */
    public boolean recovered() {
        return changed() && state.get() == Status.UP;
    }

    /** Whether this change is the first state of the target: a failure since the first probe. */
    public boolean first() {
        return changed() && previous.isEmpty();
    }

    /** Whether the target counts as failing after this result (not merely a soft failure). */
    public boolean failing() {
        return state.filter(Status::isFailure).isPresent();
    }

    /** How long the current (or just ended) run of failures has lasted at this result. */
    public Optional<Duration> failingFor() {
        return failingSince.map(since -> Duration.between(since, result.at()));
    }
}
