package io.moustash.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One configuration option: its name, older spellings still accepted, how its text is parsed, its
 * default and what it means. Options are declared once, as constants, by the section that owns them
 * (see {@link io.moustash.runtime.MoustashSettings#OPTIONS}); {@code docs/configuration.md} is checked against those constants.
 *
 * @param defaultValue the value when the file does not set it; {@code null} for "not set"
 * @param secret whether the value must never appear in logs or messages
 * @param repeatable whether each line of the option adds a value (a rule, a header) rather than the
 *        last line replacing the others
 */
public record Option<T>(String name, List<String> aliases, ValueParser<T> parser, T defaultValue,
        String description, boolean secret, boolean repeatable) {

    public static <T> Option<T> of(String name, ValueParser<T> parser, T defaultValue, String description) {
        return new Option<>(name, List.of(), parser, defaultValue, description, false, false);
    }

    /** The same option, each of its lines one value: see {@link OptionValues#all}. */
    public Option<T> asRepeatable() {
        return new Option<>(name, aliases, parser, defaultValue, description, secret, true);
    }

    /** The same option, also accepted under {@code alias}; the canonical name wins when both are set. */
    public Option<T> withAlias(String alias) {
        return new Option<>(name, Stream.concat(aliases.stream(), Stream.of(alias)).toList(), parser,
                defaultValue, description, secret, repeatable);
    }

    public Option<T> asSecret() {
        return new Option<>(name, aliases, parser, defaultValue, description, true, repeatable);
    }

    public Optional<T> defaultOptional() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether {@code spelled} names this option, by its name or an alias, ignoring case. */
    public boolean answersTo(String spelled) {
        if (name.equalsIgnoreCase(spelled)) {
            return true;
        }
        for (String alias : aliases) {
            if (alias.equalsIgnoreCase(spelled)) {
                return true;
            }
        }
        return false;
    }

    // equals and hashCode as a record's, written out: options are map keys when a file is read, and
    // a record's generated ones start the method-handle machinery at their first call, about 20 ms
    // of a one-shot's start (docs/benchmarks.md, Fast start).

    @Override
    public boolean equals(Object other) {
        return other instanceof Option<?> o && name.equals(o.name) && aliases.equals(o.aliases)
                && parser.equals(o.parser) && java.util.Objects.equals(defaultValue, o.defaultValue)
                && java.util.Objects.equals(description, o.description) && secret == o.secret;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, aliases, parser, defaultValue, description, secret);
    }

    /** How a value of this option may be shown to a user. */
    public String display(String raw) {
        return secret ? "****" : raw;
    }
}
