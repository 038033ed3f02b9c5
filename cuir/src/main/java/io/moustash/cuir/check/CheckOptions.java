package io.moustash.cuir.check;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.config.ValueParser;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Options that more than one kind of check reads, declared once so that they read and document alike. */
public final class CheckOptions {
    public static final Option<Pattern> EXPECT = Option.of("expect", regex(), null,
            "Regular expression the reply must contain (^ and $ match at line ends).");
    public static final Option<Integer> CERT_WARN_DAYS = Option.of("cert_warn_days", Parsers.integer(0, 3650), 14,
            "With tls, a warning when the certificate expires within this many days; 0 never warns.");

    private CheckOptions() {
    }

    /** A regular expression, its syntax error named with where it is. */
    public static ValueParser<Pattern> regex() {
        return text -> {
            try {
                return Pattern.compile(text, Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        };
    }
}
