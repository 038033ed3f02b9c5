package io.moustash.fouet.events;

import java.util.List;

/**
 * Which processes Fouet reports, from {@code [fouet] include} and {@code exclude}. A pattern with
 * a colon is matched against {@code group:process}, as supervisorctl names processes
 * ({@code web:*}, {@code workers:worker_0?}); one without a colon against the process name or the
 * group name. A process is reported when the include list is empty or one include pattern matches,
 * and no exclude pattern matches. Immutable.
 */
public final class ProcessFilter {
    private final List<Rule> include;
    private final List<Rule> exclude;

    private record Rule(Glob group, Glob process) {
        static Rule of(String text) {
            int colon = text.indexOf(':');
            return colon < 0 ? new Rule(null, Glob.of(text))
                    : new Rule(Glob.of(text.substring(0, colon)), Glob.of(text.substring(colon + 1)));
        }

        boolean matches(String groupName, String processName) {
            if (group == null) {
                return process.matches(processName) || process.matches(groupName);
            }
            // A group event has no process: it matches rules whose process part takes anything.
            return group.matches(groupName) && (processName == null ? process.matches("") && process.matches("x")
                    : process.matches(processName));
        }
    }

    public ProcessFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(Rule::of).toList();
        this.exclude = exclude.stream().map(Rule::of).toList();
    }

    public static ProcessFilter all() {
        return new ProcessFilter(List.of(), List.of());
    }

    /** Whether events about {@code processName} of {@code groupName} are reported; {@code processName} is null for group events. */
    public boolean accepts(String groupName, String processName) {
        boolean included = include.isEmpty() || include.stream().anyMatch(r -> r.matches(groupName, processName));
        return included && exclude.stream().noneMatch(r -> r.matches(groupName, processName));
    }
}
