package io.moustash.fouet.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads supervisord's stream: header lines as bytes, payloads as a count of characters.
 *
 * <p>Supervisor 4 builds each payload as a Python {@code str}, writes {@code len(payload)} (code
 * points, not bytes) into the header, then sends the payload in UTF-8. A process named
 * {@code café} therefore makes a payload one byte longer than its {@code len}; reading bytes would
 * swallow the start of the next header. This class decodes UTF-8 itself, one code point at a time,
 * so it stops exactly where the payload ends and never blocks waiting for bytes that belong to the
 * next event. A byte that does not start a valid UTF-8 sequence counts as one character (U+FFFD),
 * which supervisord never sends but garbage input may.
 *
 * <p>Not thread-safe: one reader.
 */
final class CodePointInput {
    private static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private boolean eof;

    CodePointInput(InputStream in) {
        this.in = in;
    }

    /** One line read as bytes up to a newline. */
    record Line(String text, boolean cut) {
    }

    /**
     * Reads up to the next newline (dropped). A line longer than {@code maxBytes} is cut there and
     * the rest of it skipped. Returns {@code null} at end of input before any byte; a last line
     * without a newline is returned as it is.
     */
    Line readLine(int maxBytes) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(128);
        boolean cut = false;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                return any ? new Line(decode(line), cut) : null;
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int room = maxBytes - line.size();
            int taken = Math.min(pos - start, Math.max(room, 0));
            line.write(buf, start, taken);
            cut |= taken < pos - start;
            if (pos < limit) {
                pos++; // the newline
                return new Line(decode(line), cut);
            }
        }
    }

    /**
     * Reads {@code count} characters (code points); the first {@code keep} of them are appended to
     * {@code into}, the rest are read and dropped. Returns how many were read: less than
     * {@code count} only at end of input.
     */
    long readCodePoints(long count, StringBuilder into, long keep) throws IOException {
        long read = 0;
        while (read < count) {
            if (pos == limit && !fill()) {
                return read;
            }
            // ASCII fast path: most payloads are all ASCII.
            while (read < count && pos < limit && buf[pos] >= 0) {
                if (read < keep) {
                    into.append((char) buf[pos]);
                }
                pos++;
                read++;
            }
            if (read < count && pos < limit) {
                int cp = decodeOne();
                if (read < keep) {
                    into.appendCodePoint(cp);
                }
                read++;
            }
        }
        return read;
    }

    /** Decodes the multi-byte sequence at {@code pos}; an invalid one yields U+FFFD for its first byte. */
    private int decodeOne() throws IOException {
        int b0 = buf[pos] & 0xff;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            lo = b0 == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            hi = b0 == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        } else {
            pos++;
            return REPLACEMENT;
        }
        ensure(1 + need);
        int cp = b0 & (0x3F >> need);
        for (int i = 1; i <= need; i++) {
            if (pos + i >= limit) {
                pos++;
                return REPLACEMENT;
            }
            int b = buf[pos + i] & 0xff;
            if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) {
                pos++;
                return REPLACEMENT;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        pos += 1 + need;
        return cp;
    }

    /** Makes {@code n} bytes available unless input ends first; blocks only for bytes a sequence needs. */
    private void ensure(int n) throws IOException {
        while (limit - pos < n && !eof) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            read();
        }
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        while (limit == 0 && !eof) {
            read();
        }
        return limit > 0;
    }

    private void read() throws IOException {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private static String decode(java.io.ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
