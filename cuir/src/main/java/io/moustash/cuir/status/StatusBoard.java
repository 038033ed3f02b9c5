package io.moustash.cuir.status;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last thing known of each probe, the one place a running Cuir keeps it: fed every observation
 * (on the I/O threads, one probe's in order), read by the {@link StatusWriter}'s thread for the status
 * file and by the heartbeat for its {@link Counts}. Each probe's entry is an immutable value replaced
 * whole, so a reader never sees half of one.
 */
public final class StatusBoard {
    private record Entry(ProbeSpec spec, String target, ProbeStatus.Seen seen) {
        /** An entry recorded for another spec of the same name (before a reload changed it) is not its. */
        boolean of(ProbeSpec probe) {
            return spec == probe || spec.equals(probe);
        }
    }

    /**
     * How many targets are in each state, {@code down_after} applied.
     *
     * @param pending targets whose state no result has settled yet
     */
    public record Counts(int targets, int up, int warning, int down, int unknown, int pending) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /**
     * The probes running by name, from the last {@link #retain} (all, before one): a result of a probe
     * a reload removed or changed, still on its way, is not recorded. A spec is first compared by
     * identity, which holds for every result until a reload: a record's equals and hashCode are
     * bootstrapped through method handles on first use, which a daemon would then keep (1 MiB
     * measured on JDK 17, where calling them per result was what the heartbeat's counts cost).
     */
    private volatile ConcurrentHashMap<String, ProbeSpec> live;

    /** Must not block: runs where the probe's I/O completed. */
    public void record(Observation o) {
        ProbeResult r = o.result();
        if (!running(r.spec())) {
            return;
        }
        entries.compute(r.spec().name(), (name, before) -> {
            // The same spec object: the same probe, kept across reloads; a changed probe has a new one.
            boolean same = before != null && before.spec() == r.spec() && !o.changed();
            return new Entry(r.spec(), r.details().target(), new ProbeStatus.Seen(o.state(),
                    same ? before.seen().since() : r.at(), r.at(), o.consecutiveFailures(), r.explanation()));
        });
    }

    /** Each of {@code probes}, in their order. */
    public List<ProbeStatus> snapshot(List<ProbeSpec> probes) {
        List<ProbeStatus> lines = new ArrayList<>(probes.size());
        for (ProbeSpec spec : probes) {
            Entry entry = entries.get(spec.name());
            boolean ours = entry != null && entry.of(spec);
            lines.add(ours ? new ProbeStatus(spec.name(), entry.target(), spec.downAfter(), Optional.of(entry.seen()))
                    : new ProbeStatus(spec.name(), spec.describeTarget(), spec.downAfter(), Optional.empty()));
        }
        return lines;
    }

    /** How many of {@code probes} are in each state. */
    public Counts counts(List<ProbeSpec> probes) {
        int[] n = new int[Status.values().length];
        int settled = 0;
        for (ProbeSpec spec : probes) {
            Entry entry = entries.get(spec.name());
            if (entry != null && entry.of(spec) && entry.seen().state().isPresent()) {
                n[entry.seen().state().get().ordinal()]++;
                settled++;
            }
        }
        return new Counts(probes.size(), n[Status.UP.ordinal()], n[Status.WARNING.ordinal()], n[Status.DOWN.ordinal()],
                n[Status.UNKNOWN.ordinal()], probes.size() - settled);
    }

    private boolean running(ProbeSpec spec) {
        ConcurrentHashMap<String, ProbeSpec> running = live;
        if (running == null) {
            return true;
        }
        ProbeSpec current = running.get(spec.name());
        if (current == spec) {
            return true;
        }
        if (current == null || !current.equals(spec)) {
            return false;
        }
        // Unchanged by a reload, which parsed a new, equal spec: compare by identity from now on.
        running.replace(spec.name(), current, spec);
        return true;
    }

    /** From now on {@code probes} run: forgets the others, and takes no more results of theirs. */
    public void retain(List<ProbeSpec> probes) {
        ConcurrentHashMap<String, ProbeSpec> running = new ConcurrentHashMap<>();
        probes.forEach(spec -> running.put(spec.name(), spec));
        live = running;
        entries.keySet().retainAll(running.keySet());
    }
}
