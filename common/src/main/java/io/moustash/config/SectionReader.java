package io.moustash.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one ini section against the options it may hold: parses each, reports bad values as errors
 * and unknown names as warnings with the closest known name. Options are looked up by canonical
 * name first, then by alias, so {@code redis_host} wins over the older {@code redis_ip}.
 */
public final class SectionReader {
    private final String file;
    private final Diagnostics diagnostics;

    public SectionReader(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /**
     * Reads one whole section of {@code document} on its own, strictly: warnings (unknown options)
     * go to {@code warnings}, every error of the section is collected and thrown at once (exit 78).
     */
    public static OptionValues readSection(IniDocument document, String section, List<Option<?>> options,
            Consumer<String> warnings) {
        Diagnostics diagnostics = new Diagnostics();
        OptionValues values = new SectionReader(document.origin(), diagnostics)
                .readStrict(document.sectionOrEmpty(section), options);
        diagnostics.finish(warnings);
        return values;
    }

    /** Reads {@code options} from {@code section}; unknown entries are returned, not reported. */
    public OptionValues read(IniSection section, List<Option<?>> options) {
        Map<Option<?>, Object> values = new HashMap<>();
        List<IniEntry> unknown = new ArrayList<>();
        for (IniEntry entry : section.entries()) {
            if (options.stream().noneMatch(o -> o.answersTo(entry.name()))) {
                unknown.add(entry);
            }
        }
        for (Option<?> option : options) {
            lookup(section, option).ifPresent(entry -> parseInto(section, option, entry, values));
        }
        return new OptionValues(values, unknown);
    }

    /** Reads {@code options} and warns about every entry that matches none of them. */
    public OptionValues readStrict(IniSection section, List<Option<?>> options) {
        OptionValues values = read(section, options);
        List<String> known = options.stream().map(Option::name).toList();
        for (IniEntry entry : values.unknown()) {
            String hint = Suggestions.closest(entry.name(), known)
                    .map(name -> " (did you mean " + name + "?)").orElse("");
            diagnostics.warning(file + ": [" + section.name() + "] " + entry.name()
                    + ": unknown option, ignored" + hint);
        }
        return values;
    }

    private static Optional<IniEntry> lookup(IniSection section, Option<?> option) {
        IniEntry canonical = null;
        IniEntry alias = null;
        for (IniEntry entry : section.entries()) {
            if (entry.name().equalsIgnoreCase(option.name())) {
                canonical = entry;
            } else if (option.answersTo(entry.name())) {
                alias = entry;
            }
        }
        return Optional.ofNullable(canonical != null ? canonical : alias);
    }

    private <T> void parseInto(IniSection section, Option<T> option, IniEntry entry, Map<Option<?>, Object> values) {
        try {
            values.put(option, option.parser().parse(entry.value()));
        } catch (IllegalArgumentException e) {
            error(section, entry.name(), option.display(entry.value()), e.getMessage());
        }
    }

    /** Reports a problem with one option's value, for checks that span several options. */
    public void error(IniSection section, String option, String shownValue, String message) {
        diagnostics.error(new ConfigProblem(file, section.name(), option, shownValue, message));
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public String file() {
        return file;
    }
}
