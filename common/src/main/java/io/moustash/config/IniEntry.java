package io.moustash.config;

/**
 * One {@code name = value} line of an ini section, with the option name spelled as the file wrote it.
 *
 * @param line the line of the file it was read from, 1-based; 0 when not read from a file
 */
public record IniEntry(String name, String value, int line) {
    public IniEntry(String name, String value) {
        this(name, value, 0);
    }
}
