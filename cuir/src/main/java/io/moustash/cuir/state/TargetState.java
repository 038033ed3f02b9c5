package io.moustash.cuir.state;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import java.time.ZoneId;

/**
 * The state of one target across probes. A target starts UP (as the original assumed); it takes
 * {@code down_after} failures in a row to leave UP (a monsta-style escalation counter) and one
 * success to come back. Failures before that are soft: they count but do not change the state.
 *
 * <p>Not thread-safe: the scheduler never runs two probes of one target at once, and hands the
 * results over in order.
 */
public final class TargetState {
    private final ProbeSpec spec;
    private final ZoneId zone;
    private Status state = Status.UP;
    private int consecutiveFailures;

    public TargetState(ProbeSpec spec, ZoneId zone) {
        this.spec = spec;
        this.zone = zone;
    }

    public Observation observe(ProbeResult result) {
        Status previous = state;
        if (result.status().isFailure()) {
            consecutiveFailures++;
            if (consecutiveFailures >= spec.downAfter()) {
                state = result.status();
            }
        } else {
            consecutiveFailures = 0;
            state = Status.UP;
        }
        boolean inWindow = spec.active().contains(result.at().atZone(zone));
        return new Observation(result, consecutiveFailures, previous, state, inWindow);
    }

    /** Whether the target is failing now, soft failures included: it is then probed every {@code fail_interval}. */
    public boolean failing() {
        return consecutiveFailures > 0;
    }

    public Status state() {
        return state;
    }
}
