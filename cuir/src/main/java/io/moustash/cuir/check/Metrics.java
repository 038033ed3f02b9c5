package io.moustash.cuir.check;

import io.moustash.event.Event;
import java.util.Map;

/**
 * Where a probe's measured numbers go, whatever the kind: a plugin's performance data, a log
 * check's count. One object of numbers by name, {@code moustash.cuir.metrics} in ECS and
 * {@code metrics} in the legacy shape, so that graphs and thresholds find every kind's numbers in
 * one place. The names are safe as field names (no dots, no spaces).
 */
public final class Metrics {
    public static final String ECS = Details.PREFIX + "metrics";
    public static final String LEGACY = "metrics";

    private Metrics() {
    }

    /** Writes {@code metrics}, unless there are none. */
    public static void write(Event.Builder b, Map<String, ? extends Number> metrics) {
        if (!metrics.isEmpty()) {
            b.field(ECS, LEGACY, metrics);
        }
    }
}
