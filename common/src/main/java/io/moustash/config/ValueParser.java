package io.moustash.config;

/**
 * Turns the text of one option into a typed value. A parser rejects a value by throwing
 * {@link IllegalArgumentException} whose message says what is allowed, e.g.
 * "expected a port number from 1 to 65535"; the caller adds file, section, option and value.
 */
@FunctionalInterface
public interface ValueParser<T> {
    T parse(String text);
}
