package io.moustash.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the events one line each: number, tool, action, what it is about, tags, message. */
final class EventTable {
    private static final List<String> HEADINGS = List.of("#", "tool", "action", "about", "tags", "message");

    private EventTable() {
    }

    static void print(List<DemoEvent> events, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (int i = 0; i < events.size(); i++) {
            rows.add(row(i + 1, events.get(i)));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            line.append(" ".repeat(widths[0] - row.get(0).length())).append(row.get(0));
            for (int c = 1; c < widths.length; c++) {
                line.append("  ").append(c == widths.length - 1 ? row.get(c)
                        : row.get(c) + " ".repeat(widths[c] - row.get(c).length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static List<String> row(int number, DemoEvent event) {
        return List.of(String.valueOf(number), event.tool(), action(event), about(event),
                String.join(" ", event.tags()), event.message());
    }

    /** One line saying what a notification is about. */
    static String headline(DemoEvent event) {
        return switch (event.tool()) {
            case "cuir" -> "cuir    " + event.probe() + " " + event.action() + ": " + event.text("moustash", "source")
                    + " " + event.status() + reasonOf(event);
            case "fouet" -> {
                List<String> stderr = event.stderr();
                yield "fouet   " + event.process() + " " + action(event) + " " + event.tags().stream()
                        .filter(tag -> !tag.equals("notification")).toList()
                        + (stderr.isEmpty() ? "" : ", last stderr line: " + stderr.get(stderr.size() - 1));
            }
            default -> String.format("%-7s %s", event.tool(), event.message());
        };
    }

    private static String reasonOf(DemoEvent event) {
        String reason = event.text("moustash", "cuir", "reason");
        return reason.isEmpty() ? "" : " (" + reason + ")";
    }

    private static String action(DemoEvent event) {
        return switch (event.tool()) {
            case "fouet" -> event.action().replace("PROCESS_STATE_", "");
            case "cuir" -> event.action();
            default -> event.action().isEmpty() ? "-" : event.action();
        };
    }

    private static String about(DemoEvent event) {
        return switch (event.tool()) {
            case "cuir" -> event.probe() + " " + event.text("moustash", "source") + " " + event.status()
                    + reasonOf(event);
            case "fouet" -> {
                List<String> stderr = event.stderr();
                yield event.process() + (stderr.isEmpty() ? "" : ", " + stderr.size() + " stderr lines");
            }
            default -> event.text("moustash", "program");
        };
    }
}
