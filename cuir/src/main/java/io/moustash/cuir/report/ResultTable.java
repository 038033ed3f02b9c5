package io.moustash.cuir.report;

import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The table {@code cuir --once} prints: one line per probe, in the file's order. */
public final class ResultTable {
    static final String[] HEADERS = {"NAME", "TARGET", "STATUS", "TIME", "REASON"};

    private ResultTable() {
    }

    public static void print(List<ProbeResult> results, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (ProbeResult r : results) {
            rows.add(new String[] {r.spec().name(), r.details().target(), r.status().name(), r.details().time(r.durationNanos()),
                    r.explanation()});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** 0 when all are UP, 2 when any is DOWN, else 3 when any is UNKNOWN, else 1 when any is WARNING. */
    public static int exitStatus(List<ProbeResult> results) {
        if (results.stream().anyMatch(r -> r.status() == Status.DOWN)) {
            return 2;
        }
        if (results.stream().anyMatch(r -> r.status() == Status.UNKNOWN)) {
            return 3;
        }
        return results.stream().anyMatch(r -> r.status() == Status.WARNING) ? 1 : 0;
    }
}
