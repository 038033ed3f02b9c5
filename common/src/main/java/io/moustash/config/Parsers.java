package io.moustash.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The value parsers options are built from. Each rejection message says what is allowed. */
public final class Parsers {
    private Parsers() {
    }

    public static ValueParser<String> text() {
        return text -> text;
    }

    public static ValueParser<String> nonEmptyText() {
        return text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return text;
        };
    }

    public static ValueParser<Integer> integer(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            return value;
        };
    }

    public static ValueParser<Long> longInteger(long min, long max) {
        return text -> {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
            }
            return value;
        };
    }

    public static ValueParser<Integer> port() {
        ValueParser<Integer> range = integer(1, 65535);
        return text -> {
            try {
                return range.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a port number from 1 to 65535");
            }
        };
    }

    /** 0/1, true/false, yes/no, on/off, in any case. */
    public static ValueParser<Boolean> bool() {
        return text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected 0/1, true/false, yes/no or on/off");
        };
    }

    /** One of {@code allowed}, in any case; the result is the allowed spelling. */
    public static ValueParser<String> choice(String... allowed) {
        return text -> {
            for (String candidate : allowed) {
                if (candidate.equalsIgnoreCase(text.trim())) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
        };
    }

    /** A positive number of seconds, fractions allowed ({@code 0.5}). */
    public static ValueParser<Duration> seconds() {
        return text -> {
            BigDecimal value;
            try {
                value = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number of seconds greater than 0");
            }
            if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
                throw new IllegalArgumentException("expected a number of seconds greater than 0");
            }
            return Duration.ofNanos(value.movePointRight(9).longValue());
        };
    }

    /** A number of seconds as {@link #seconds()} reads it, or {@code 0} for "off" ({@link Duration#ZERO}). */
    public static ValueParser<Duration> secondsOrOff() {
        ValueParser<Duration> positive = seconds();
        return text -> {
            try {
                if (new BigDecimal(text.trim()).signum() == 0) {
                    return Duration.ZERO;
                }
            } catch (NumberFormatException e) {
                // not a number: seconds() says what is expected
            }
            try {
                return positive.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a number of seconds, or 0 for off");
            }
        };
    }

    /** A list separated by commas or white space; empty items are dropped. */
    public static ValueParser<List<String>> list() {
        return text -> {
            List<String> items = new ArrayList<>();
            for (String item : text.split("[,\\s]+")) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
            return List.copyOf(items);
        };
    }

    public static ValueParser<Path> path() {
        return text -> {
            if (text.isBlank()) {
                throw new IllegalArgumentException("expected a file or directory path");
            }
            try {
                return Path.of(text.trim());
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("expected a file or directory path");
            }
        };
    }
}
