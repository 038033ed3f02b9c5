package io.moustash.cuir.schedule;

import io.moustash.cuir.config.ProbeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reloaded configuration changes in the running probes, by name: a probe whose spec is equal
 * to the running one's (every setting the same) is kept, with its state, counters and schedule; one
 * whose spec differs is changed (it starts again as a new probe: fresh state, first probe at once);
 * a name only the new file has is added, one only the running probes have is removed. A probe
 * renamed is one removed and one added. Decided here only; {@link ProbeScheduler} follows it.
 */
public record Reload(List<String> added, List<String> changed, List<String> removed, Set<String> kept) {
    /** How many names a summary lists before "…". */
    static final int NAMES_SHOWN = 5;

    public Reload {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        kept = Set.copyOf(kept);
    }

    public static Reload plan(List<ProbeSpec> running, List<ProbeSpec> next) {
        Map<String, ProbeSpec> before = new HashMap<>();
        running.forEach(spec -> before.put(spec.name(), spec));
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        Set<String> named = new HashSet<>();
        for (ProbeSpec spec : next) {
            named.add(spec.name());
            ProbeSpec old = before.get(spec.name());
            if (old == null) {
                added.add(spec.name());
            } else if (old.equals(spec)) {
                kept.add(spec.name());
            } else {
                changed.add(spec.name());
            }
        }
        List<String> removed = running.stream().map(ProbeSpec::name).filter(name -> !named.contains(name)).toList();
        return new Reload(added, changed, removed, kept);
    }

    /** Whether the running probe of this name goes on as it is. */
    public boolean keeps(String name) {
        return kept.contains(name);
    }

    public boolean changesNothing() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** {@code 1 added (db), 1 changed (web), 0 removed, 4 unchanged}, for the log. */
    public String summary() {
        return part(added, "added") + ", " + part(changed, "changed") + ", " + part(removed, "removed") + ", "
                + kept.size() + " unchanged";
    }

    private static String part(List<String> names, String what) {
        if (names.isEmpty()) {
            return "0 " + what;
        }
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        return names.size() + " " + what + " (" + shown + (names.size() > NAMES_SHOWN ? ", …" : "") + ")";
    }
}
