package io.moustash.cuir.report;

import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The table {@code cuir --once} prints: one line per probe, in the file's order. */
public final class ResultTable {
    static final String[] HEADERS = {"NAME", "TARGET", "STATUS", "TIME", "REASON"};

    private ResultTable() {
    }

    public static void print(List<ProbeResult> results, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        for (ProbeResult r : results) {
            rows.add(new String[] {r.spec().name(), r.details().target(), r.status().name(), r.details().time(r.durationNanos()),
                    r.explanation()});
        }
        printColumns(HEADERS, rows, out);
    }

    /** {@code headers} and {@code rows} in columns as wide as their widest cell, two spaces apart; the last column as it is. */
    public static void printColumns(String[] headers, List<String[]> rows, PrintWriter out) {
        List<String[]> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int[] widths = new int[headers.length];
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : all) {
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
        return exitStatusOf(results.stream().map(ProbeResult::status).toList());
    }

    /** As {@link #exitStatus}, of statuses: Nagios's order, DOWN before UNKNOWN before WARNING. */
    public static int exitStatusOf(Collection<Status> statuses) {
        if (statuses.contains(Status.DOWN)) {
            return 2;
        }
        if (statuses.contains(Status.UNKNOWN)) {
            return 3;
        }
        return statuses.contains(Status.WARNING) ? 1 : 0;
    }
}
