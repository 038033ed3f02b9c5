package io.moustash.cuir.check;

import io.moustash.cuir.check.log.LogKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Count the lines of a log file that match, each interval: the lines written since the previous
 * round, following the file through rotation and truncation as {@code tail -F} does.
 *
 * @param file an absolute path
 * @param min fewer matching lines in one round is a failure (silence: a heartbeat that stopped)
 * @param max more matching lines in one round is a failure (a burst of errors)
 */
public record LogCheck(Path file, Pattern match, OptionalInt min, OptionalInt max) implements Check {

    @Override
    public CheckKind<?> kind() {
        return LogKind.KIND;
    }

    @Override
    public String target() {
        return file.toString();
    }

    @Override
    public List<String> settings() {
        List<String> parts = new ArrayList<>();
        parts.add("match /" + match.pattern() + "/");
        min.ifPresent(n -> parts.add("min " + n));
        max.ifPresent(n -> parts.add("max " + n));
        return parts;
    }

    // Pattern has no equals; a reloaded configuration compares checks by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof LogCheck l && file.equals(l.file) && match.pattern().equals(l.match.pattern())
                && min.equals(l.min) && max.equals(l.max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, match.pattern(), min, max);
    }
}
