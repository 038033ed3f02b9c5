package io.moustash.cuir.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a probe's failures are notified: a list of windows such as {@code 12345;08:00-18:00}
 * (Monday to Friday, eight to six, local time), separated by commas. Outside every window a probe
 * still runs and its events are still published, without the notification tag: a maintenance window.
 * An empty list means always.
 */
public final class ActiveWindows {
    static final String FORM = "expected windows like 12345;08:00-18:00 (days 1=Monday to 7=Sunday, times HH:MM-HH:MM), separated by commas";
    private static final Pattern DAYS = Pattern.compile("[1-7]+");
    private static final Pattern TIMES = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final ActiveWindows ALWAYS = new ActiveWindows(List.of(), "");

    private final List<Window> windows;
    private final String text;

    private ActiveWindows(List<Window> windows, String text) {
        this.windows = List.copyOf(windows);
        this.text = text;
    }

    public static ActiveWindows always() {
        return ALWAYS;
    }

    /** Parses {@code DAYS;HH:MM-HH:MM}, {@code DAYS} or {@code HH:MM-HH:MM} items separated by commas. */
    public static ActiveWindows parse(String text) {
        List<Window> windows = new ArrayList<>();
        for (String item : text.split(",")) {
            String one = item.trim();
            if (one.isEmpty()) {
                continue;
            }
            windows.add(window(one));
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException(FORM);
        }
        return new ActiveWindows(windows, text.trim());
    }

    private static Window window(String item) {
        String days = item;
        String times = null;
        int semicolon = item.indexOf(';');
        if (semicolon >= 0) {
            days = item.substring(0, semicolon).trim();
            times = item.substring(semicolon + 1).trim();
        } else if (item.contains(":")) {
            days = "1234567";
            times = item;
        }
        if (!DAYS.matcher(days).matches()) {
            throw new IllegalArgumentException(FORM);
        }
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        days.chars().forEach(c -> set.add(DayOfWeek.of(c - '0')));
        if (times == null) {
            return new Window(set, LocalTime.MIN, LocalTime.MIN);
        }
        Matcher m = TIMES.matcher(times);
        if (!m.matches()) {
            throw new IllegalArgumentException(FORM);
        }
        try {
            return new Window(set, time(m.group(1)), time(m.group(2)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(FORM);
        }
    }

    private static LocalTime time(String text) {
        return text.equals("24:00") ? LocalTime.MIN : LocalTime.parse(text);
    }

    /** Whether failures at {@code when} are notified. */
    public boolean contains(ZonedDateTime when) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(when));
    }

    /** Whether any window was configured, i.e. notification ever depends on the time. */
    public boolean isRestricted() {
        return !windows.isEmpty();
    }

    @Override
    public String toString() {
        return windows.isEmpty() ? "always" : text;
    }

    // By value, so that a reloaded file's probe with the same windows is the same probe (Reload).
    @Override
    public boolean equals(Object o) {
        return o instanceof ActiveWindows other && windows.equals(other.windows);
    }

    @Override
    public int hashCode() {
        return windows.hashCode();
    }

    /**
     * One window: on these days, from {@code start} until {@code end}. An end before the start runs
     * past midnight (22:00-06:00); an end equal to the start means the whole day.
     */
    record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        boolean contains(ZonedDateTime when) {
            if (!days.contains(when.getDayOfWeek())) {
                return false;
            }
            LocalTime t = when.toLocalTime();
            if (start.equals(end)) {
                return true;
            }
            if (start.isBefore(end)) {
                return !t.isBefore(start) && t.isBefore(end);
            }
            return !t.isBefore(start) || t.isBefore(end);
        }
    }
}
