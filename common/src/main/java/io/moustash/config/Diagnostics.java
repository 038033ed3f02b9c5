package io.moustash.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects what reading a configuration found: errors, which stop a tool before it starts, and
 * warnings, which are reported and let it go on. Not thread-safe: one reading, one instance.
 */
public final class Diagnostics {
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void error(ConfigProblem problem) {
        errors.add(problem);
    }

    public void warning(String line) {
        warnings.add(line);
    }

    public List<ConfigProblem> errors() {
        return List.copyOf(errors);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Hands every warning to {@code sink}, then throws if any error was found. */
    public void finish(Consumer<String> sink) {
        warnings.forEach(sink);
        warnings.clear();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
