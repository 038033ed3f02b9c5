package io.moustash.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the events taken off the list must show for the demo to have shown the chain working; each
 * unmet expectation is one short sentence. The demo fails when any is unmet.
 */
final class Expectations {
    private Expectations() {
    }

    /**
     * @param recording the supervisord events played to Fouet, in order (serials from 1)
     * @param panpanMessage the message PanPan was asked to send
     */
    static List<String> unmet(List<DemoEvent> events, List<RecordedEvent> recording, String panpanMessage) {
        List<String> unmet = new ArrayList<>();
        for (DemoEvent event : events) {
            if (event.text("@timestamp").isEmpty() || !event.text("@version").equals("1")
                    || !event.text("event", "module").equals("moustash") || event.text("host", "name").isEmpty()) {
                unmet.add("an event lacks the ECS envelope (@timestamp, @version, event.module, host.name): "
                        + event.json());
            }
        }
        cuir(events, unmet);
        fouet(events, recording, unmet);
        List<DemoEvent> panpan = of(events, "panpan");
        if (panpan.size() != 1 || !panpan.get(0).message().equals(panpanMessage) || !panpan.get(0).notification()) {
            unmet.add("expected one PanPan notification \"" + panpanMessage + "\", got " + panpan.size()
                    + " PanPan events");
        }
        Map<String, Integer> counts = counts(events);
        counts.keySet().removeAll(List.of("cuir", "fouet", "panpan"));
        if (!counts.isEmpty()) {
            unmet.add("events from unexpected senders: " + counts);
        }
        return unmet;
    }

    /** Events per tool, in tool order. */
    static Map<String, Integer> counts(List<DemoEvent> events) {
        Map<String, Integer> counts = new TreeMap<>();
        events.forEach(event -> counts.merge(event.tool(), 1, Integer::sum));
        return counts;
    }

    private static void cuir(List<DemoEvent> events, List<String> unmet) {
        List<DemoEvent> web = probe(events, DemoConfig.WEB);
        if (web.isEmpty() || !web.stream().allMatch(e -> e.status().equals("up") && !e.notification())) {
            unmet.add("Cuir should report web up, without notifying, every time; got "
                    + web.stream().map(DemoEvent::status).toList());
        }
        List<DemoEvent> backup = probe(events, DemoConfig.BACKUP);
        if (backup.isEmpty() || !backup.get(0).action().equals("down") || !backup.get(0).notification()
                || !backup.get(0).text("moustash", "cuir", "reason").equals("refused")) {
            unmet.add("Cuir's first event for backup should be a down notification (refused)");
        }
        List<DemoEvent> cache = probe(events, DemoConfig.CACHE);
        int up = indexOf(cache, 0, e -> e.status().equals("up"));
        int down = indexOf(cache, up + 1, e -> e.action().equals("down") && e.notification());
        int recovered = indexOf(cache, down + 1, e -> e.action().equals("recovered") && e.notification());
        if (up < 0 || down < 0 || recovered < 0) {
            unmet.add("Cuir should report cache up, then down and recovered as notifications; got "
                    + cache.stream().map(DemoEvent::action).toList());
        }
    }

    private static void fouet(List<DemoEvent> events, List<RecordedEvent> recording, List<String> unmet) {
        List<String> expected = publishedByFouet(recording);
        List<DemoEvent> fouet = of(events, "fouet");
        List<String> published = fouet.stream().map(e -> e.text("event", "sequence") + " " + e.action()).toList();
        if (!published.equals(expected)) {
            unmet.add("Fouet should publish " + expected + " in order (log events kept as crash context only); got "
                    + published);
        }
        List<DemoEvent> crashes = fouet.stream().filter(e -> e.tags().contains("crash")).toList();
        if (crashes.isEmpty() || !crashes.stream().allMatch(e -> e.notification() && !e.stderr().isEmpty())) {
            unmet.add("Fouet should report the crash as a notification carrying the process's last stderr lines");
        }
        if (fouet.stream().noneMatch(e -> e.tags().contains("fatal") && e.notification())) {
            unmet.add("Fouet should report FATAL as a notification");
        }
    }

    /**
     * The recorded events Fouet publishes, as {@code "SERIAL NAME"} (serials from 1): all but the
     * {@code PROCESS_LOG_*} chunks, which with {@code log_events} off are kept as crash context only.
     */
    static List<String> publishedByFouet(List<RecordedEvent> recording) {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < recording.size(); i++) {
            if (!recording.get(i).name().startsWith("PROCESS_LOG_")) {
                published.add((i + 1) + " " + recording.get(i).name());
            }
        }
        return published;
    }

    private static List<DemoEvent> of(List<DemoEvent> events, String tool) {
        return events.stream().filter(e -> e.tool().equals(tool)).toList();
    }

    private static List<DemoEvent> probe(List<DemoEvent> events, String name) {
        return events.stream().filter(e -> e.tool().equals("cuir") && e.probe().equals(name)).toList();
    }

    private static int indexOf(List<DemoEvent> events, int from, Predicate<DemoEvent> test) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < events.size(); i++) {
            if (test.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
