package io.moustash.cuir.config;

import java.util.Locale;

/** Which probe results become events ({@code [cuir] report}). */
public enum ReportMode {
    /** Every failed probe, as the original did, and a recovery when a target comes back. */
    FAILURES,
    /** Only changes of state: down, warning, unknown, recovered. */
    CHANGES,
    /** Every result, up or not. */
    ALL;

    public static ReportMode of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
