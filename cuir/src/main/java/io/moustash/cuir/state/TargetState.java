package io.moustash.cuir.state;

import io.moustash.cuir.alert.Alerting;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The state of one target across probes, and what its people have been told. The state is unknown
 * until the first result sets it: a success makes it up without a word, a failure (once
 * {@code down_after} are in a row) makes it down without a "previous up" it never had. It takes
 * {@code down_after} failures in a row to leave up and one success to come back; failures before
 * that are soft: they count but change nothing.
 *
 * <p>While the target is failing, each result may notify (see {@link Notice.Kind}): the change
 * itself, an escalation step reached, a reminder {@code remind} after the last notification, or,
 * when the change fell outside the active windows, the first result inside one. Outside the windows
 * nothing notifies; what was held back is told when a window opens. A recovery notifies inside the
 * windows, or outside them when this run of failures was told to someone. Time is the results'
 * own ({@link ProbeResult#at()}), so the rules are tested with numbers, without waiting.
 *
 * <p>Not thread-safe: the scheduler never runs two probes of one target at once, and hands the
 * results over in order.
 */
public final class TargetState {
    private final ProbeSpec spec;
    private final Alerting alerting;
    private final ZoneId zone;
    private final int downAfter;
    /** {@code null} until the first result sets it. */
    private Status state;
    private int consecutiveFailures;
    private Instant failingSince;
    /** Escalation steps this run of failures has reached, and how many of them were told. */
    private int reached;
    private int told;
    /** A change of this run that the active windows kept from being told. */
    private boolean held;
    /** When this run of failures was last told to anyone; {@code null} when never. */
    private Instant lastTold;

    public TargetState(ProbeSpec spec, ZoneId zone) {
        this(spec, zone, spec.downAfter());
    }

    private TargetState(ProbeSpec spec, ZoneId zone, int downAfter) {
        this.spec = spec;
        this.alerting = spec.alerting();
        this.zone = zone;
        this.downAfter = downAfter;
    }

    /**
     * A result with no history, as {@code cuir --once} sees each: its status is the state at once
     * ({@code down_after} does not apply), a failure is a change from the start.
     */
    public static Observation once(ProbeResult result, ZoneId zone) {
        return new TargetState(result.spec(), zone, 1).observe(result);
    }

    public Observation observe(ProbeResult result) {
        Instant at = result.at();
        boolean inWindow = spec.active().contains(at.atZone(zone));
        Optional<Status> previous = Optional.ofNullable(state);
        Optional<Instant> since;
        Notice notice;
        if (result.status().isFailure()) {
            consecutiveFailures++;
            if (failingSince == null) {
                failingSince = at;
            }
            since = Optional.of(failingSince);
            if (consecutiveFailures >= downAfter) {
                state = result.status();
            }
            notice = state != null && state.isFailure() ? whileFailing(previous, at, inWindow) : null;
        } else {
            since = Optional.ofNullable(failingSince);
            notice = previous.filter(Status::isFailure).isPresent() && (inWindow || lastTold != null)
                    ? new Notice(Notice.Kind.CHANGE, names(0, reached)) : null;
            state = Status.UP;
            consecutiveFailures = 0;
            failingSince = null;
            reached = 0;
            told = 0;
            held = false;
            lastTold = null;
        }
        return new Observation(result, consecutiveFailures, previous, Optional.ofNullable(state), inWindow, since,
                Optional.ofNullable(notice));
    }

    private Notice whileFailing(Optional<Status> previous, Instant at, boolean inWindow) {
        boolean changed = !previous.equals(Optional.of(state));
        reached = alerting.escalate().reachedBy(consecutiveFailures);
        held |= changed;
        if (!inWindow) {
            return null;
        }
        Notice notice;
        if (changed) {
            notice = new Notice(Notice.Kind.CHANGE, names(0, reached));
        } else if (held) {
            notice = new Notice(Notice.Kind.WINDOW_OPENED, names(0, reached));
        } else if (reached > told) {
            notice = new Notice(Notice.Kind.ESCALATION, names(told, reached));
        } else if (alerting.reminds() && lastTold != null && !at.isBefore(lastTold.plus(alerting.remind()))) {
            notice = new Notice(Notice.Kind.REMINDER, names(0, reached));
        } else {
            return null;
        }
        told = reached;
        held = false;
        lastTold = at;
        return notice;
    }

    private List<String> names(int from, int to) {
        return alerting.escalate().names(from, to);
    }

    /** Whether the target is failing now, soft failures included: it is then probed every {@code fail_interval}. */
    public boolean failing() {
        return consecutiveFailures > 0;
    }

    /** The state, empty until the first result (or {@code down_after} first failures) set it. */
    public Optional<Status> state() {
        return Optional.ofNullable(state);
    }
}
