package io.moustash.cuir.check.command;

/**
 * Plugin labels made safe as field names. Elasticsearch reads a dot in a field name as nesting
 * ({@code time.total} would become {@code time: {total: …}}, and clash with a label {@code time}),
 * and dashboards stumble on spaces and slashes; so letters and digits (any script), {@code _} and
 * {@code -} are kept, case included, and every run of other characters becomes one {@code _}:
 * {@code load1} stays {@code load1}, check_disk's {@code /} becomes {@code _}, {@code /var/log}
 * {@code _var_log}, {@code 'C:\ Used Space'} {@code C_Used_Space}, {@code time.total} {@code time_total}.
 * docs/events.md states the same rule.
 */
public final class MetricNames {
    private MetricNames() {
    }

    public static String safe(String label) {
        StringBuilder out = new StringBuilder(label.length());
        boolean replacing = false;
        for (int i = 0; i < label.length(); ) {
            int c = label.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                out.appendCodePoint(c);
                replacing = false;
            } else if (!replacing) {
                out.append('_');
                replacing = true;
            }
        }
        return out.toString();
    }
}
