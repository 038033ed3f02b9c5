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
    /** Other sections' options by section, for "belongs in [moustash]"; see {@link #knowing}. */
    private final Map<String, List<Option<?>>> homes = new java.util.LinkedHashMap<>();

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
        return readSection(document, section, options, Map.of(), warnings);
    }

    /** As {@link #readSection(IniDocument, String, List, Consumer)}, naming the home of other sections' options. */
    public static OptionValues readSection(IniDocument document, String section, List<Option<?>> options,
            Map<String, List<Option<?>>> homes, Consumer<String> warnings) {
        Diagnostics diagnostics = new Diagnostics();
        SectionReader reader = new SectionReader(document.origin(), diagnostics);
        homes.forEach(reader::knowing);
        OptionValues values = reader.readStrict(document.sectionOrEmpty(section), options);
        diagnostics.finish(warnings);
        return values;
    }

    /** Reads {@code options} from {@code section}; unknown entries are returned, not reported. */
    public OptionValues read(IniSection section, List<Option<?>> options) {
        Map<Option<?>, Object> values = new HashMap<>();
        Map<Option<?>, List<Object>> repeated = new HashMap<>();
        List<IniEntry> unknown = new ArrayList<>();
        for (IniEntry entry : section.entries()) {
            if (options.stream().noneMatch(o -> o.answersTo(entry.name()))) {
                unknown.add(entry);
            }
        }
        for (Option<?> option : options) {
            if (option.repeatable()) {
                readRepeated(section, option, values, repeated);
                continue;
            }
            lookup(section, option).ifPresent(entry -> {
                warnRepeats(section, option, entry);
                parseInto(section, option, entry, values);
            });
        }
        return new OptionValues(values, repeated, unknown);
    }

    /**
     * An option set more than once takes one value (the last, or the canonical name's over an older
     * spelling's): say so, with the lines, e.g. {@code redis_port: set twice, on lines 2 and 5; line 5 is used}.
     */
    private void warnRepeats(IniSection section, Option<?> option, IniEntry used) {
        List<IniEntry> all = section.entries().stream().filter(e -> option.answersTo(e.name())).toList();
        if (all.size() < 2) {
            return;
        }
        boolean sameName = all.stream().allMatch(e -> e.name().equalsIgnoreCase(used.name()));
        List<String> where = all.stream()
                .map(e -> sameName ? String.valueOf(e.line()) : e.name() + " on line " + e.line()).toList();
        String listed = String.join(", ", where.subList(0, where.size() - 1)) + " and " + where.get(where.size() - 1);
        diagnostics.warning(file + ": [" + section.name() + "] " + used.name() + ": set " + times(all.size())
                + (sameName ? ", on lines " : ", as ") + listed + "; line " + used.line() + " is used");
    }

    private static String times(int count) {
        return count == 2 ? "twice" : count + " times";
    }

    /** Reads {@code options} and warns about every entry that matches none of them. */
    public OptionValues readStrict(IniSection section, List<Option<?>> options) {
        OptionValues values = read(section, options);
        List<String> known = options.stream().map(Option::name).toList();
        for (IniEntry entry : values.unknown()) {
            unknownOption(section, entry, known);
        }
        return values;
    }

    /**
     * Warns that {@code entry} is no option of {@code section}: with where it belongs when it is an
     * option of another section (see {@link #knowing}), else with the closest of {@code known}.
     */
    public void unknownOption(IniSection section, IniEntry entry, List<String> known) {
        String hint = home(entry.name())
                .map(home -> " (" + entry.name() + " belongs in " + home + ")")
                .or(() -> Suggestions.closest(entry.name(), known).map(name -> " (did you mean " + name + "?)"))
                .orElse("");
        diagnostics.warning(file + ": [" + section.name() + "] " + entry.name() + ": unknown option, ignored" + hint);
    }

    /**
     * Makes this reader name {@code section} (e.g. {@code [moustash]}) as the home of its
     * {@code options} when one of them is written in a section it does not belong to.
     */
    public SectionReader knowing(String section, List<Option<?>> options) {
        homes.put(section, List.copyOf(options));
        return this;
    }

    /** The section an option of another section belongs in, e.g. {@code [moustash]} for redis_host. */
    public Optional<String> home(String spelled) {
        return homes.entrySet().stream()
                .filter(home -> home.getValue().stream().anyMatch(o -> o.answersTo(spelled)))
                .map(Map.Entry::getKey).findFirst();
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

    /** Each line of a repeatable option parsed on its own; the last valid one is also its plain value. */
    private void readRepeated(IniSection section, Option<?> option, Map<Option<?>, Object> values,
            Map<Option<?>, List<Object>> repeated) {
        for (IniEntry entry : section.entries()) {
            if (option.answersTo(entry.name())) {
                Map<Option<?>, Object> one = new HashMap<>();
                parseInto(section, option, entry, one);
                if (one.containsKey(option)) {
                    values.put(option, one.get(option));
                    repeated.computeIfAbsent(option, o -> new ArrayList<>()).add(one.get(option));
                }
            }
        }
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
