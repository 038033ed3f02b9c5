package io.moustash.panpan.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines of UTF-8 text, bytes that are not UTF-8 becoming U+FFFD.
 *
 * <p>Unlike {@link java.io.BufferedReader} it can tell whether a whole line is already at hand
 * ({@link #hasLine()}), so the sender can batch lines that are waiting without ever holding a line
 * back while the producer is quiet: {@code tail -F | panpan --stdin} sends each line as it comes.
 *
 * <p>A line is ended by {@code \n}; a {@code \r} before it is dropped. A line longer than
 * {@link #MAX_LINE} bytes is cut into pieces of at most that size, on character boundaries,
 * rather than growing the buffer without bound. Not thread-safe.
 */
public final class LineReader {
    /**
     * {@value} bytes (4 MiB): far above any log line, and small enough for PanPan's 64 MiB heap to
     * hold a line, its text (two bytes a character once one is beyond Latin-1) and its JSON document
     * at once (docs/panpan.md, "Messages from stdin").
     */
    public static final int MAX_LINE = 4 * 1024 * 1024;
    private static final int INITIAL_BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxLine;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    /** Bytes from {@code start} up to here hold no newline. */
    private int scanned;
    private boolean eof;

    public LineReader(InputStream in) {
        this(in, MAX_LINE);
    }

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next line without its terminator, or {@code null} at end of input. Blocks for input. */
    public String readLine() throws IOException {
        while (true) {
            int newline = findNewline();
            if (newline >= 0 && newline - start <= maxLine) {
                return take(newline, newline + 1);
            }
            if (end - start > maxLine) {
                // More than maxLine bytes and no line end among them: the line is too long.
                return take(characterBoundary(start + maxLine), -1);
            }
            if (eof) {
                return start < end ? take(end, end) : null;
            }
            fill();
        }
    }

    /**
     * Whether {@link #readLine} would return without waiting for the producer: a whole line is
     * buffered, after taking in whatever the stream has ready, or the end of input was seen. A pipe
     * whose writer has just closed may still answer {@code false}: the end is only seen by reading.
     */
    public boolean hasLine() throws IOException {
        while (true) {
            if (eof || findNewline() >= 0 || end - start > maxLine) {
                return true;
            }
            if (in.available() <= 0) {
                return false;
            }
            fill();
        }
    }

    private int findNewline() {
        for (int i = scanned; i < end; i++) {
            if (buffer[i] == '\n') {
                scanned = i;
                return i;
            }
        }
        scanned = end;
        return -1;
    }

    /** Returns bytes start..lineEnd as text and resumes reading at {@code next} (lineEnd when -1). */
    private String take(int lineEnd, int next) {
        int stop = lineEnd;
        if (next > lineEnd && stop > start && buffer[stop - 1] == '\r') {
            stop--;
        }
        String line = new String(buffer, start, stop - start, StandardCharsets.UTF_8);
        start = next < 0 ? lineEnd : next;
        scanned = start;
        return line;
    }

    /** The last position at or before {@code limit} that does not split a UTF-8 sequence. */
    private int characterBoundary(int limit) {
        for (int lead = limit - 1; lead >= start && lead >= limit - 4; lead--) {
            int b = buffer[lead] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return lead + length <= limit || lead == start ? limit : lead;
            }
        }
        return limit;
    }

    private void fill() throws IOException {
        if (start > 0 && start == end) {
            start = end = scanned = 0;
        }
        if (end == buffer.length) {
            int used = end - start;
            if (start > buffer.length / 2 || used < buffer.length / 2) {
                System.arraycopy(buffer, start, buffer, 0, used);
            } else {
                byte[] larger = new byte[Math.min(buffer.length * 2, maxLine + 1)];
                System.arraycopy(buffer, start, larger, 0, used);
                buffer = larger;
            }
            scanned -= start;
            start = 0;
            end = used;
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
    }
}
