package io.moustash.cuir.check.http;

import java.util.regex.Pattern;

/** A request header, {@code Name: value}, one per {@code headers} line. */
public record Header(String name, String value) {
    /** RFC 9110's token characters. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public static Header parse(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected Name: value");
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException(name + " is not a header name");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException("control characters in the value of " + name);
        }
        return new Header(name, value);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
