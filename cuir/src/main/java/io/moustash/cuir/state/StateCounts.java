package io.moustash.cuir.state;

import io.moustash.cuir.probe.Status;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many targets are in each state, from the observations as they come, for the heartbeat. Kept
 * by probe name, so that a reload (probes added, changed, removed) leaves the right counts.
 * Thread-safe: results of different targets arrive on different threads.
 */
public final class StateCounts {
    private volatile int targets;
    private final Map<String, Status> states = new ConcurrentHashMap<>();

    public StateCounts(int targets) {
        this.targets = targets;
    }

    public void add(Observation o) {
        String name = o.result().spec().name();
        o.state().ifPresentOrElse(s -> states.put(name, s), () -> states.remove(name));
    }

    /**
     * After a reload: {@code targets} probes now, {@code kept} the names that go on with their state;
     * every other name starts again unknown (a changed probe) or is gone (a removed one).
     */
    public void reloaded(int targets, Collection<String> kept) {
        this.targets = targets;
        states.keySet().retainAll(kept);
    }

    public Snapshot snapshot() {
        int[] counts = new int[Status.values().length];
        states.values().forEach(s -> counts[s.ordinal()]++);
        int up = counts[Status.UP.ordinal()];
        int warning = counts[Status.WARNING.ordinal()];
        int down = counts[Status.DOWN.ordinal()];
        int unknown = counts[Status.UNKNOWN.ordinal()];
        int n = targets;
        return new Snapshot(n, up, warning, down, unknown, Math.max(0, n - up - warning - down - unknown));
    }

    /** @param pending targets whose state no result has settled yet */
    public record Snapshot(int targets, int up, int warning, int down, int unknown, int pending) {
    }
}
