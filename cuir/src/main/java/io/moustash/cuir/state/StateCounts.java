package io.moustash.cuir.state;

import io.moustash.cuir.probe.Status;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many targets are in each state, kept from the observations as they come, for the heartbeat.
 * Thread-safe: results of different targets arrive on different threads; a snapshot taken while
 * one target changes may count it in neither state for that moment (it is then pending).
 */
public final class StateCounts {
    private final int targets;
    private final AtomicIntegerArray counts = new AtomicIntegerArray(Status.values().length);

    public StateCounts(int targets) {
        this.targets = targets;
    }

    public void add(Observation o) {
        if (!o.state().equals(o.previous())) {
            o.previous().ifPresent(p -> counts.decrementAndGet(p.ordinal()));
            o.state().ifPresent(s -> counts.incrementAndGet(s.ordinal()));
        }
    }

    public Snapshot snapshot() {
        int up = counts.get(Status.UP.ordinal());
        int warning = counts.get(Status.WARNING.ordinal());
        int down = counts.get(Status.DOWN.ordinal());
        int unknown = counts.get(Status.UNKNOWN.ordinal());
        return new Snapshot(targets, up, warning, down, unknown, Math.max(0, targets - up - warning - down - unknown));
    }

    /** @param pending targets whose state no result has settled yet */
    public record Snapshot(int targets, int up, int warning, int down, int unknown, int pending) {
    }
}
