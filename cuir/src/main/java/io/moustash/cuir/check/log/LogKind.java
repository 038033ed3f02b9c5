package io.moustash.cuir.check.log;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.CheckKind;
import io.moustash.cuir.check.CheckOptions;
import io.moustash.cuir.check.CheckSection;
import io.moustash.cuir.check.LogCheck;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** {@code file}: count a log file's new matching lines each interval (Project-436's log rules). */
public final class LogKind implements CheckKind<LogCheck> {
    public static final LogKind KIND = new LogKind();

    public static final Option<Path> FILE = Option.of("file", Parsers.path(), null,
            "A log file to follow (absolute path): each interval counts its new lines matching match.");
    public static final Option<Pattern> MATCH = Option.of("match", CheckOptions.regex(), null,
            "With file, the regular expression a line must contain to count.");
    public static final Option<Integer> MIN = Option.of("min", Parsers.integer(0, 1_000_000_000), null,
            "With file, fewer matching lines in one interval is a failure (a heartbeat that stopped).");
    public static final Option<Integer> MAX = Option.of("max", Parsers.integer(0, 1_000_000_000), null,
            "With file, more matching lines in one interval is a failure (a burst of errors).");

    private LogKind() {
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public List<Option<?>> keys() {
        return List.of(FILE);
    }

    @Override
    public String needs() {
        return "a file";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(FILE, MATCH, MIN, MAX);
    }

    @Override
    public Optional<LogCheck> read(CheckSection section) {
        if (!section.has(MATCH)) {
            section.error("match is required with file: the lines to count (match = ^ counts every line)");
            return Optional.empty();
        }
        if (!section.isSet(FILE) || !section.isSet(MATCH)) {
            return Optional.empty();
        }
        Path file = section.get(FILE);
        if (!file.isAbsolute()) {
            section.error(FILE, "must be an absolute path");
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            section.error(FILE, "is a directory: give the log file itself");
            return Optional.empty();
        }
        OptionalInt min = section.find(MIN).map(OptionalInt::of).orElse(OptionalInt.empty());
        OptionalInt max = section.find(MAX).map(OptionalInt::of).orElse(OptionalInt.empty());
        if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
            section.error(MIN, "is more than max " + max.getAsInt() + ": no count could pass");
            return Optional.empty();
        }
        if (!Files.exists(file)) {
            // A log that is written on the first error, or after a deployment, may come later.
            section.warning("file: " + file + " does not exist yet; its lines count once it does");
        }
        return Optional.of(new LogCheck(file, section.get(MATCH), min, max));
    }

    @Override
    public Prober<LogCheck> prober(ProbeContext context) {
        return new LogProber();
    }

    @Override
    public LogCheck cast(Check check) {
        return (LogCheck) check;
    }
}
