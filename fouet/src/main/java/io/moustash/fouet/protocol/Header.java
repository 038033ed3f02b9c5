package io.moustash.fouet.protocol;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The header line supervisord writes before each payload, such as
 * {@code ver:3.0 server:supervisor serial:21 pool:fouet poolserial:10 eventname:PROCESS_STATE_RUNNING len:58}.
 * Tokens come in any order; this keeps them all, by name.
 *
 * @param raw the line as received, without its newline
 * @param tokens every {@code name:value} token of the line
 */
public record Header(String raw, Map<String, String> tokens) {
    public Header {
        tokens = Map.copyOf(tokens);
    }

    public String eventName() {
        return tokens.get("eventname");
    }

    public String server() {
        return tokens.get("server");
    }

    public String pool() {
        return tokens.get("pool");
    }

    public String version() {
        return tokens.get("ver");
    }

    public OptionalLong serial() {
        return number("serial");
    }

    public OptionalLong poolSerial() {
        return number("poolserial");
    }

    private OptionalLong number(String name) {
        String value = tokens.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
