package io.moustash.fouet.events;

/** Input quoted for a one-line log message: control characters escaped, length bounded. */
public final class Raw {
    static final int MAX_CHARS = 2000;

    private Raw() {
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 2).append('"');
        int shown = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (text.length() > shown) {
            out.append(" (").append(text.length() - shown).append(" more characters)");
        }
        return out.toString();
    }
}
