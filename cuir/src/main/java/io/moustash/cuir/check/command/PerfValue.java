package io.moustash.cuir.check.command;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of a plugin's performance data, {@code 'label'=value[UOM];[warn];[crit];[min];[max]}.
 * Numbers are kept as the plugin wrote them, in its unit. Immutable.
 *
 * @param label the label as the plugin wrote it, quotes removed
 * @param name the label made safe as a field name ({@link MetricNames}), unique within the output
 * @param value {@code null} when the plugin wrote {@code U} (the value could not be determined)
 * @param uom the unit, empty for none
 * @param warn the warning threshold when it is a plain number ({@code 10} means outside 0 to 10), else {@code null}
 * @param warnRange the warning threshold when it is a range such as {@code 10:20} or {@code @~:5}, else {@code null}
 */
public record PerfValue(String label, String name, BigDecimal value, String uom, BigDecimal warn, String warnRange,
        BigDecimal crit, String critRange, BigDecimal min, BigDecimal max) {

    /** What the item says besides its value, each key only when the plugin gave it. */
    public Map<String, Object> attributes() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!label.equals(name)) {
            out.put("label", label);
        }
        if (!uom.isEmpty()) {
            out.put("uom", uom);
        }
        putIfSet(out, "warn", warn);
        putIfSet(out, "warn_range", warnRange);
        putIfSet(out, "crit", crit);
        putIfSet(out, "crit_range", critRange);
        putIfSet(out, "min", min);
        putIfSet(out, "max", max);
        return out;
    }

    PerfValue named(String unique) {
        return new PerfValue(label, unique, value, uom, warn, warnRange, crit, critRange, min, max);
    }

    private static void putIfSet(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
