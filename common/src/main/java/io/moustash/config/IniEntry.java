package io.moustash.config;

/** One {@code name = value} line of an ini section, with the option name spelled as the file wrote it. */
public record IniEntry(String name, String value) {
}
