package io.moustash.cuir.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is told as failures go on, as monsta's {@code notify = 1:bob 2:sms_bob 5:boss}: each step
 * names the people (logstash routes) told at the N-th failure in a row. Steps are counted from the
 * first failure of a run; the count starts again after a success. Immutable.
 */
public final class Escalation {
    static final String FORM = "expected steps like 1:ops 3:oncall,dba 10:boss (failures in a row, a colon, "
            + "names separated by commas; steps separated by spaces)";
    private static final Pattern STEP = Pattern.compile("(\\d{1,7}):(.+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@+-]+");
    private static final Escalation NONE = new Escalation(List.of(), "");

    private final List<Step> steps;
    private final String text;

    private Escalation(List<Step> steps, String text) {
        this.steps = List.copyOf(steps);
        this.text = text;
    }

    /** No steps: changes of state notify without naming anyone, as before escalation existed. */
    public static Escalation none() {
        return NONE;
    }

    /** Parses {@code N:name[,name…]} steps separated by white space; empty text is {@link #none()}. */
    public static Escalation parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            Matcher m = STEP.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException(FORM);
            }
            int failures = Integer.parseInt(m.group(1));
            if (failures == 0) {
                throw new IllegalArgumentException("step 0: steps count failures in a row from 1 (for a reminder "
                        + "while a target stays down, use remind)");
            }
            List<String> names = List.of(m.group(2).split(",", -1));
            for (String name : names) {
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("step " + item + ": a name is letters, digits and _ . @ + -; "
                            + FORM);
                }
            }
            if (steps.stream().anyMatch(s -> s.failures() == failures)) {
                throw new IllegalArgumentException("step " + failures + " is given twice; " + FORM);
            }
            steps.add(new Step(failures, names));
        }
        steps.sort(Comparator.comparingInt(Step::failures));
        return steps.isEmpty() ? NONE : new Escalation(steps, text.trim());
    }

    /** How many steps {@code failures} in a row have reached. */
    public int reachedBy(int failures) {
        int n = 0;
        while (n < steps.size() && steps.get(n).failures() <= failures) {
            n++;
        }
        return n;
    }

    /** The names of steps {@code from} (included) to {@code to} (excluded), each once, in step order. */
    public List<String> names(int from, int to) {
        return steps.subList(from, to).stream().flatMap(s -> s.names().stream()).distinct().toList();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    /** At {@code failures} in a row, tell {@code names}. */
    // By value: a reloaded file's unchanged probe must compare equal to the running one.
    @Override
    public boolean equals(Object o) {
        return o instanceof Escalation e && steps.equals(e.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    record Step(int failures, List<String> names) {
    }
}
