package io.moustash.fouet.events;

import java.util.regex.Pattern;

/**
 * A shell-style pattern as supervisorctl users write them: {@code *} any run of characters,
 * {@code ?} one character, {@code [abc]} / {@code [!abc]} one of / none of a set. Everything else
 * matches itself, case-sensitively (supervisord's names are).
 */
final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    static Glob of(String text) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && text.indexOf(']', i + 2) > 0) {
                int end = text.indexOf(']', i + 2);
                String set = text.substring(i + 1, end);
                boolean negated = set.startsWith("!");
                regex.append('[').append(negated ? "^" : "");
                for (char s : (negated ? set.substring(1) : set).toCharArray()) {
                    regex.append(s == '-' ? "-" : Pattern.quote(String.valueOf(s)));
                }
                regex.append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    boolean matches(String candidate) {
        return candidate != null && pattern.matcher(candidate).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
