package io.moustash.cuir.check.command;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plugin's performance data, as the Nagios plugin guidelines define it: items separated by
 * spaces, each {@code 'label'=value[UOM];[warn];[crit];[min];[max]}. A label is quoted with single
 * quotes when it holds spaces, {@code =} or quotes ({@code ''} is a quote inside); the fields after
 * the value may be empty or left out with their semicolons. A value is a decimal number or
 * {@code U} (undetermined); thresholds are numbers or ranges ({@code 10:20}, {@code ~:5},
 * {@code @10:20}). An item that does not follow this is left out, the rest are kept. Immutable.
 */
public record Perfdata(List<PerfValue> values) {
    public static final Perfdata NONE = new Perfdata(List.of());

    /** Items beyond this many are left out: an event is no place for a whole SNMP table. */
    static final int MAX_ITEMS = 100;

    private static final String NUMBER = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
    private static final Pattern VALUE = Pattern.compile("(" + NUMBER + "|U)([\\p{L}%/°µ]{0,16})");
    private static final Pattern PLAIN = Pattern.compile(NUMBER);
    private static final Pattern RANGE = Pattern.compile("@?(?:~|" + NUMBER + ")?(?::(?:" + NUMBER + ")?)?");

    public Perfdata {
        values = List.copyOf(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Each item's value by its safe name, in the plugin's order; items whose value is {@code U} have none. */
    public Map<String, BigDecimal> metrics() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (PerfValue v : values) {
            if (v.value() != null) {
                out.put(v.name(), v.value());
            }
        }
        return out;
    }

    /** Each item's unit, thresholds and bounds by its safe name, for the items that give any. */
    public Map<String, Map<String, Object>> attributes() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (PerfValue v : values) {
            Map<String, Object> a = v.attributes();
            if (!a.isEmpty()) {
                out.put(v.name(), a);
            }
        }
        return out;
    }

    /**
     * Parses the text after a plugin's {@code |}. Never fails: what cannot be read is left out.
     * Two labels with the same safe name are told apart by {@code _2}, {@code _3}, … on the later ones.
     */
    public static Perfdata parse(String text) {
        List<PerfValue> items = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n && items.size() < MAX_ITEMS) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            String label;
            if (text.charAt(i) == '\'') {
                StringBuilder quoted = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char c = text.charAt(j);
                    if (c == '\'') {
                        if (j + 1 < n && text.charAt(j + 1) == '\'') {
                            quoted.append('\'');
                            j += 2;
                            continue;
                        }
                        closed = true;
                        j++;
                        break;
                    }
                    quoted.append(c);
                    j++;
                }
                if (!closed) {
                    break; // an unclosed quote leaves nothing readable after it
                }
                if (j >= n || text.charAt(j) != '=') {
                    i = skipWord(text, j);
                    continue;
                }
                label = quoted.toString();
                i = j + 1;
            } else {
                int j = i;
                while (j < n && text.charAt(j) != '=' && !Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                if (j >= n || text.charAt(j) != '=') {
                    i = skipWord(text, j);
                    continue;
                }
                label = text.substring(i, j);
                i = j + 1;
            }
            int end = skipWord(text, i);
            PerfValue item = item(label, text.substring(i, end));
            i = end;
            if (item != null) {
                items.add(item.named(unique(item.name(), names)));
            }
        }
        return new Perfdata(items);
    }

    private static int skipWord(String text, int from) {
        int i = from;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** One item's data after its {@code =}; {@code null} when it is not valid. */
    private static PerfValue item(String label, String data) {
        String name = MetricNames.safe(label);
        if (label.isEmpty() || name.isEmpty()) {
            return null;
        }
        String[] fields = data.split(";", -1);
        if (fields.length > 5 && !fields[5].isEmpty()) {
            return null;
        }
        Matcher value = VALUE.matcher(fields[0]);
        if (!value.matches()) {
            return null;
        }
        BigDecimal number = value.group(1).equals("U") ? null : new BigDecimal(value.group(1));
        String warn = field(fields, 1);
        String crit = field(fields, 2);
        return new PerfValue(label, name, number, value.group(2), plain(warn), range(warn), plain(crit), range(crit),
                plain(field(fields, 3)), plain(field(fields, 4)));
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }

    /** The threshold or bound as a number when it is one; {@code null} when empty or not a number. */
    private static BigDecimal plain(String text) {
        return PLAIN.matcher(text).matches() ? new BigDecimal(text) : null;
    }

    /** The threshold as text when it is a range rather than a plain number; {@code null} otherwise. */
    private static String range(String text) {
        return !text.isEmpty() && !PLAIN.matcher(text).matches() && RANGE.matcher(text).matches() ? text : null;
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int k = 2; !taken.add(candidate); k++) {
            candidate = name + "_" + k;
        }
        return candidate;
    }
}
