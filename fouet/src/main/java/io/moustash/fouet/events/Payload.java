package io.moustash.fouet.events;

import io.moustash.fouet.protocol.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload as supervisord writes it: a first line of {@code name:value} tokens
 * ({@code processname:web groupname:web from_state:STARTING pid:42}), then, for log and
 * communication events, a newline and the data.
 *
 * @param tokens the first line's tokens in order; a name repeated keeps its last value
 * @param strays words of the first line that are not {@code name:value}
 * @param body what follows the first newline; empty when there is none
 */
public record Payload(Map<String, String> tokens, List<String> strays, String body) {

    public static Payload parse(String text) {
        int newline = text.indexOf('\n');
        String head = newline < 0 ? text : text.substring(0, newline);
        String body = newline < 0 ? "" : text.substring(newline + 1);
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> strays = new ArrayList<>();
        Tokens.parse(head, tokens, strays);
        return new Payload(Collections.unmodifiableMap(tokens), List.copyOf(strays), body);
    }

    public String get(String name) {
        return tokens.get(name);
    }

    /** The token as a whole number, or {@code null} when absent or not a number. */
    public Long number(String name) {
        String value = tokens.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
