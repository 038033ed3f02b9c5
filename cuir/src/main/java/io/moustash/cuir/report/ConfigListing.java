package io.moustash.cuir.report;

import io.moustash.common.Durations;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.ProbeSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What {@code cuir --check-config} prints: the settings, then one line per probe. */
public final class ConfigListing {
    private ConfigListing() {
    }

    public static void print(CuirConfig config, PrintWriter out) {
        out.println(config.file() + ": " + config.probes().size() + (config.probes().size() == 1 ? " probe" : " probes")
                + ", report " + config.report().configName() + ", interval " + Durations.shown(config.interval())
                + ", timeout " + Durations.shown(config.timeout())
                + (config.maxInFlight() > 0 ? ", max_in_flight " + config.maxInFlight() : ""));
        for (ProbeSpec p : config.probes()) {
            out.println("  " + p.name() + ": " + p.check().kind().name() + " " + p.describeTarget()
                    + " every " + Durations.shown(p.interval()) + ", timeout " + Durations.shown(p.timeout())
                    + extras(p));
        }
        out.flush();
    }

    private static String extras(ProbeSpec p) {
        List<String> parts = new ArrayList<>();
        if (!p.failInterval().equals(p.interval())) {
            parts.add("fail_interval " + Durations.shown(p.failInterval()));
        }
        if (p.downAfter() > 1) {
            parts.add("down_after " + p.downAfter());
        }
        parts.addAll(p.check().settings());
        if (p.active().isRestricted()) {
            parts.add("active " + p.active());
        }
        if (!p.alerting().escalate().isEmpty()) {
            parts.add("escalate " + p.alerting().escalate());
        }
        if (p.alerting().reminds()) {
            parts.add("remind " + Durations.shown(p.alerting().remind()));
        }
        return parts.isEmpty() ? "" : ", " + String.join(", ", parts);
    }
}
