package io.moustash.cuir.check;

import io.moustash.config.ConfigProblem;
import io.moustash.config.Diagnostics;
import io.moustash.config.IniSection;
import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.SectionReader;
import java.util.Optional;

/**
 * A {@code [cuir:NAME]} section as a {@link CheckKind} reads it: its parsed values, and where its
 * problems go, each naming the file, the section and the option.
 */
public final class CheckSection {
    private final IniSection section;
    private final OptionValues values;
    private final SectionReader reader;
    private final Diagnostics diagnostics;

    public CheckSection(IniSection section, OptionValues values, SectionReader reader) {
        this.section = section;
        this.values = values;
        this.reader = reader;
        this.diagnostics = reader.diagnostics();
    }

    /** Whether the section writes {@code option}, valid or not. */
    public boolean has(Option<?> option) {
        return section.has(option.name());
    }

    /** Whether {@code option} is written and valid. */
    public boolean isSet(Option<?> option) {
        return values.isSet(option);
    }

    /** The option's value, or its default. */
    public <T> T get(Option<T> option) {
        return values.get(option);
    }

    /** Every valid line of a repeatable option, in file order. */
    public <T> java.util.List<T> all(Option<T> option) {
        return values.all(option);
    }

    public <T> Optional<T> find(Option<T> option) {
        return values.find(option);
    }

    /** A problem of the section as a whole. */
    public void error(String message) {
        diagnostics.error(ConfigProblem.ofSection(reader.file(), section.name(), message));
    }

    /** A problem of one option's value, shown with it. */
    public void error(Option<?> option, String message) {
        reader.error(section, option.name(), section.get(option.name()).orElse(""), message);
    }

    public void warning(String message) {
        diagnostics.warning(reader.file() + ": [" + section.name() + "] " + message);
    }
}
