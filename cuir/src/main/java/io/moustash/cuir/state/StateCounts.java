package io.moustash.cuir.state;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many targets are in each state, from the observations as they come, for the heartbeat. Kept
 * by probe name, so that a reload (probes added, changed, removed) leaves the right counts.
 * Thread-safe: results of different targets arrive on different threads.
 */
public final class StateCounts {
    /** The probes running now; a result of one a reload removed or changed, still on its way, is not counted. */
    private volatile Set<ProbeSpec> live;
    private final Map<String, Status> states = new ConcurrentHashMap<>();

    public StateCounts(List<ProbeSpec> probes) {
        this.live = Set.copyOf(probes);
    }

    public void add(Observation o) {
        ProbeSpec spec = o.result().spec();
        if (!live.contains(spec)) {
            return;
        }
        o.state().ifPresentOrElse(s -> states.put(spec.name(), s), () -> states.remove(spec.name()));
    }

    /**
     * After a reload, {@code probes} run: a probe whose spec is unchanged goes on with its state; a
     * changed one starts again unknown, a removed one is gone. Specs compare by value.
     */
    public void reloaded(List<ProbeSpec> probes) {
        Set<ProbeSpec> next = Set.copyOf(probes);
        Set<String> kept = new HashSet<>();
        for (ProbeSpec spec : live) {
            if (next.contains(spec)) {
                kept.add(spec.name());
            }
        }
        live = next;
        states.keySet().retainAll(kept);
    }

    public Snapshot snapshot() {
        int[] counts = new int[Status.values().length];
        states.values().forEach(s -> counts[s.ordinal()]++);
        int up = counts[Status.UP.ordinal()];
        int warning = counts[Status.WARNING.ordinal()];
        int down = counts[Status.DOWN.ordinal()];
        int unknown = counts[Status.UNKNOWN.ordinal()];
        int n = live.size();
        return new Snapshot(n, up, warning, down, unknown, Math.max(0, n - up - warning - down - unknown));
    }

    /** @param pending targets whose state no result has settled yet */
    public record Snapshot(int targets, int up, int warning, int down, int unknown, int pending) {
    }
}
