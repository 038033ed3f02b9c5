package io.moustash.cuir.report;

import io.moustash.cuir.config.ReportMode;
import io.moustash.cuir.state.Observation;

/** Decides, from {@code [cuir] report}, which observations become events and which of them notify. */
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
        return switch (mode) {
            case ALL -> true;
            case CHANGES -> o.changed();
            case FAILURES -> o.changed() || o.state().isFailure() && o.result().status().isFailure();
        };
    }

    /** A change of state notifies (carries the notification tag) unless it falls outside the active windows. */
    public boolean notifies(Observation o) {
        return o.changed() && o.inWindow();
    }

    public ReportMode mode() {
        return mode;
    }
}
