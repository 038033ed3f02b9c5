package io.moustash.panpan;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The positional arguments: {@code MESSAGE} alone, or the original Moustash's
 * {@code MESSAGE PROGRAM SOURCE True|False}, which scripts written for it still call.
 *
 * @param message the message, or {@value #STDIN} to read it from stdin
 * @param program the original form's PROGRAM, else {@code null}
 * @param source the original form's SOURCE, else {@code null}
 * @param notification the original form's last argument
 */
record MessageArguments(String message, String program, String source, boolean notification) {
    static final String STDIN = "-";
    private static final String FORMS = "expected MESSAGE, or the original form MESSAGE PROGRAM SOURCE True|False";

    boolean legacy() {
        return program != null;
    }

    boolean fromStdin() {
        return message.equals(STDIN);
    }

    static MessageArguments parse(List<String> positional, Function<String, RuntimeException> usage) {
        return switch (positional.size()) {
            case 0 -> throw usage.apply("missing MESSAGE (or - to read it from stdin)");
            case 1 -> new MessageArguments(positional.get(0), null, null, false);
            case 4 -> new MessageArguments(positional.get(0), positional.get(1), positional.get(2),
                    notification(positional.get(3), usage));
            default -> throw usage.apply(FORMS + ", got " + positional.size()
                    + " arguments (quote a message that has spaces)");
        };
    }

    /** The original accepted exactly "True" and "False"; any case is accepted here. */
    private static boolean notification(String text, Function<String, RuntimeException> usage) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw usage.apply(
                    "the original form's last argument must be True or False, not '" + text + "'");
        };
    }
}
