package io.moustash.cuir.check.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The escapes of {@code send}: the ini reader keeps backslashes as written, so {@code GET /\r\n}
 * arrives as text and becomes bytes here. Everything else is sent as UTF-8.
 */
public final class Escapes {
    static final String ALLOWED = "use \\r, \\n, \\t, \\0, \\\\ or \\xHH";

    private Escapes() {
    }

    public static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                plain.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("a lone backslash at the end: " + ALLOWED);
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> plain.append('\r');
                case 'n' -> plain.append('\n');
                case 't' -> plain.append('\t');
                case '0' -> plain.append('\0');
                case '\\' -> plain.append('\\');
                case 'x' -> {
                    int value = hex(text, i + 1);
                    flush(plain, out);
                    out.write(value);
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + ": " + ALLOWED);
            }
        }
        flush(plain, out);
        return out.toByteArray();
    }

    private static int hex(String text, int at) {
        if (at + 2 > text.length()) {
            throw new IllegalArgumentException("\\x needs two hex digits: " + ALLOWED);
        }
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("\\x needs two hex digits: " + ALLOWED);
        }
        return high * 16 + low;
    }

    private static void flush(StringBuilder plain, ByteArrayOutputStream out) {
        out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
        plain.setLength(0);
    }
}
