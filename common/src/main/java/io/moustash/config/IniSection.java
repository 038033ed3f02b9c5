package io.moustash.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One section of an ini file. Option names compare case-insensitively, as Python's ConfigParser
 * did for the original Moustash, but keep their spelling so that Cuir's probe names read as written.
 * Entries stay in file order and repeated names stay repeated, so a reader can report duplicates.
 */
public final class IniSection {
    private final String name;
    private final List<IniEntry> entries;

    public IniSection(String name, List<IniEntry> entries) {
        this.name = name;
        this.entries = List.copyOf(entries);
    }

    /** The section's name as the file spelled it, e.g. {@code Moustash} or {@code cuir:web}. */
    public String name() {
        return name;
    }

    public List<IniEntry> entries() {
        return entries;
    }

    /** The last value given for {@code option}, the way ConfigParser resolves repeats. */
    public Optional<String> get(String option) {
        String found = null;
        for (IniEntry entry : entries) {
            if (entry.name().equalsIgnoreCase(option)) {
                found = entry.value();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean has(String option) {
        return get(option).isPresent();
    }

    static IniSection merge(IniSection first, IniSection second) {
        List<IniEntry> all = new ArrayList<>(first.entries);
        all.addAll(second.entries);
        return new IniSection(first.name, Collections.unmodifiableList(all));
    }

    static IniSection empty(String name) {
        return new IniSection(name, List.of());
    }
}
