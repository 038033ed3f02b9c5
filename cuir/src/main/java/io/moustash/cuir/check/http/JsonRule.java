package io.moustash.cuir.check.http;

import io.moustash.cuir.check.CheckOptions;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.probe.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code json} line: what a value of the JSON body must be, {@code PATH OP VALUE [else warning]}.
 * The path is dotted ({@code queue.depth}; a number indexes an array: {@code nodes.0.state}); the
 * operators are {@code =} and {@code !=} (numbers compare as numbers, anything else as text),
 * {@code <} and {@code >} (numbers), {@code ~} (a regular expression found in the value's text). The
 * value is the rest of the line, in double quotes when it has leading or trailing spaces. A rule that
 * fails makes the probe down, or warning with {@code else warning}. A missing value fails every rule.
 *
 * @param text the line as written, for listings and equality
 */
public record JsonRule(String path, String operator, String value, Status severity, String text) {
    private static final Pattern LINE = Pattern.compile("\\s*([^\\s=!<>~]+)\\s*(!=|=|<|>|~)\\s*(.*?)\\s*");
    private static final Pattern SEVERITY = Pattern.compile("(?s)(.*?)\\s+else\\s+(warning|down)\\s*", Pattern.CASE_INSENSITIVE);
    public static final String FORM = "expected PATH OP VALUE [else warning], OP one of = != < > ~ (e.g. queue.depth < 1000 else warning)";

    public static JsonRule parse(String line) {
        Status severity = Status.DOWN;
        String rule = line;
        Matcher s = SEVERITY.matcher(line);
        if (s.matches()) {
            rule = s.group(1);
            severity = s.group(2).equalsIgnoreCase("warning") ? Status.WARNING : Status.DOWN;
        }
        Matcher m = LINE.matcher(rule);
        if (!m.matches() || m.group(3).isEmpty()) {
            throw new IllegalArgumentException(FORM);
        }
        String value = m.group(3);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        String operator = m.group(2);
        if ((operator.equals("<") || operator.equals(">")) && number(value) == null) {
            throw new IllegalArgumentException(operator + " compares numbers, and " + value + " is not a number");
        }
        if (operator.equals("~")) {
            CheckOptions.regex().parse(value);
        }
        return new JsonRule(m.group(1), operator, value, severity, line.trim());
    }

    /** Why the rule fails on {@code document}, or empty when it holds. */
    public Optional<String> failure(Object document) {
        Optional<Object> found = JsonReader.find(document, path);
        if (found.isEmpty()) {
            return Optional.of(path + " is missing");
        }
        Object actual = found.get();
        if (actual instanceof Map || actual instanceof List) {
            return Optional.of(path + " is " + (actual instanceof Map ? "an object" : "an array") + ", not a value");
        }
        boolean holds = switch (operator) {
            case "=" -> equal(actual);
            case "!=" -> !equal(actual);
            case "<", ">" -> {
                BigDecimal n = actual instanceof BigDecimal b ? b : actual instanceof String t ? number(t) : null;
                if (n == null) {
                    yield false;
                }
                int c = n.compareTo(number(value));
                yield operator.equals("<") ? c < 0 : c > 0;
            }
            default -> CheckOptions.regex().parse(value).matcher(text(actual)).find();
        };
        return holds ? Optional.empty() : Optional.of(path + " is " + shown(actual) + ", expected " + operator + " " + value);
    }

    private boolean equal(Object actual) {
        if (actual instanceof BigDecimal n) {
            BigDecimal expected = number(value);
            return expected != null && n.compareTo(expected) == 0;
        }
        return text(actual).equals(value);
    }

    private static String text(Object actual) {
        return actual instanceof BigDecimal n ? n.toPlainString() : String.valueOf(actual);
    }

    private static String shown(Object actual) {
        return actual instanceof String s ? Texts.shown(s) : text(actual);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // The regular expression is compiled again per probe: rules are few, and a record of text compares by value.
    @Override
    public String toString() {
        return text;
    }
}
