package io.moustash.cuir.check;

/** Short renderings for details: replies as one escaped, abbreviated line; errors as one line. */
public final class Texts {
    private static final int MAX_SHOWN = 80;
    private static final java.util.regex.Pattern HEX_RUN = java.util.regex.Pattern.compile("(?i)\\b(?:0x)?[0-9a-f]{32,}\\b");
    private static final int MAX_BRIEF = 160;

    private Texts() {
    }

    /** The reply as a quoted line: control characters escaped, cut after {@value #MAX_SHOWN} characters. */
    public static String shown(String reply) {
        StringBuilder out = new StringBuilder("'");
        int n = Math.min(reply.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = reply.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\'' -> out.append("\\'");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\'');
        if (reply.length() > MAX_SHOWN) {
            out.append("…");
        }
        return out.toString();
    }

    /** The root cause's message, first line only: what a person needs, without the exception's class chain. */
    public static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }

    /**
     * A library's message made fit for a detail line: runs of hex (Netty quotes bytes it could not
     * decode that way) become "…", white space one space, at most {@value #MAX_BRIEF} characters.
     */
    public static String brief(String message) {
        String s = HEX_RUN.matcher(message).replaceAll("…").replaceAll("\\s+", " ").trim();
        return s.length() <= MAX_BRIEF ? s : s.substring(0, MAX_BRIEF) + "…";
    }
}
