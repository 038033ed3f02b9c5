package io.moustash.cuir.check.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code command} into a program and its arguments the way a shell would for simple words:
 * white space separates, single quotes keep everything, double quotes keep everything but {@code \"}
 * and {@code \\}, a backslash outside quotes escapes the next character. Nothing else of the shell
 * (no variables, globs or pipes): the program is run directly, so a probe's text cannot inject
 * commands. Use {@code /bin/sh -c '…'} for a pipeline.
 */
public final class CommandWords {
    private CommandWords() {
    }

    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + (quote == '"' ? "double" : "single") + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return List.copyOf(words);
    }
}
