package io.moustash.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed values read from one section. An option that was set but invalid has already been
 * reported to {@link Diagnostics}; here it falls back to its default, so reading can go on and
 * report every problem of the file at once.
 */
public final class OptionValues {
    private final Map<Option<?>, Object> values;
    private final Map<Option<?>, List<Object>> repeated;
    private final List<IniEntry> unknown;

    OptionValues(Map<Option<?>, Object> values, Map<Option<?>, List<Object>> repeated, List<IniEntry> unknown) {
        this.values = values;
        this.repeated = repeated;
        this.unknown = List.copyOf(unknown);
    }

    /** Every valid value of a {@link Option#repeatable} option, in file order; empty when none. */
    @SuppressWarnings("unchecked")
    public <T> List<T> all(Option<T> option) {
        return (List<T>) List.copyOf(repeated.getOrDefault(option, List.of()));
    }

    /** The value set in the file, else the option's default; {@code null} when neither exists. */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        return values.containsKey(option) ? (T) values.get(option) : option.defaultValue();
    }

    public <T> Optional<T> find(Option<T> option) {
        return Optional.ofNullable(get(option));
    }

    /** Whether the file set this option (validly). */
    public boolean isSet(Option<?> option) {
        return values.containsKey(option);
    }

    /** Entries whose names matched no option, in file order. */
    public List<IniEntry> unknown() {
        return unknown;
    }
}
