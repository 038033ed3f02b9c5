package io.moustash.cuir.report;

import io.moustash.cuir.config.ReportMode;
import io.moustash.cuir.state.Observation;

/**
 * Decides, from {@code [cuir] report}, which observations become events; those that notify always
 * do, whatever the mode (a reminder or an escalation is no change of state, yet must reach logstash).
 */
public final class ReportPolicy {
    private final ReportMode mode;

    public ReportPolicy(ReportMode mode) {
        this.mode = mode;
    }

    /**
     * failures: every failure once the target counts as failing (soft failures before
     * {@code down_after} are not), and the recovery; changes: only changes of state; all: everything.
     */
    public boolean publishes(Observation o) {
        return notifies(o) || switch (mode) {
            case ALL -> true;
            case CHANGES -> o.changed();
            case FAILURES -> o.changed() || o.failing() && o.result().status().isFailure();
        };
    }

    /** Whether the observation tells someone: its event carries the notification tag. */
    public boolean notifies(Observation o) {
        return o.notice().isPresent();
    }

    public ReportMode mode() {
        return mode;
    }
}
