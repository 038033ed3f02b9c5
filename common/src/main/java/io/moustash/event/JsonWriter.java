package io.moustash.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON as UTF-8 straight into one growing byte array: the document of one event. It writes
 * exactly what Jackson's generator wrote with its defaults (the same escapes, {@code \\u001F} in
 * upper case, non-ASCII as UTF-8 but surrogate pairs as two escapes, non-finite doubles as strings;
 * {@code JsonWriterTest} compares the two), without a generator and an output stream per event and
 * without copying from the generator's buffer into the stream's: this is PanPan {@code --stdin}'s
 * hot loop. Unpaired UTF-16 surrogates become U+FFFD, as the encoders did before it (the test's
 * {@code Text.wellFormed}). Not thread-safe; one per document.
 *
 * <p>A writer made with a limit never holds more than about that many bytes: its buffer stops
 * growing there, and a document that goes past it throws {@link EventTooLargeException} as soon as
 * the buffer would have to grow further, or at {@link #toBytes} at the latest. The check sits where
 * the buffer grows, so the loop over a string's characters pays nothing for it.
 */
final class JsonWriter {
    /** The most a char takes: 6 bytes for {@code \\uXXXX}. */
    private static final int MAX_BYTES_PER_CHAR = 6;
    private static final int CHUNK = 4096;
    /** Room past the limit for what {@link #quoted} reserves ahead of writing: one chunk escaped. */
    private static final int HEADROOM = CHUNK * MAX_BYTES_PER_CHAR + 2;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /**
     * The names every event has, written once here rather than escaped again in each event. Only
     * these: a user's own keys are not kept, so the table cannot grow.
     */
    private static final Map<String, byte[]> KNOWN_NAMES = knownNames(Envelope.FIELD_TIMESTAMP, Envelope.FIELD_VERSION,
            Envelope.FIELD_MESSAGE, Envelope.FIELD_TYPE, Envelope.FIELD_TAGS, EcsEncoder.HOST, "name", EcsEncoder.EVENT,
            "module", "dataset", "kind", "action", "id", EcsEncoder.MOUSTASH, "program", "source", EcsEncoder.LABELS,
            LegacyEncoder.FIELD_EVENT_ID);

    /** A value already written as JSON, for the parts of a document that are the same in every event. */
    record Encoded(byte[] json) {
        static Encoded of(Object value) {
            JsonWriter writer = new JsonWriter(64);
            writer.value(value);
            return new Encoded(writer.toBytes());
        }
    }

    private byte[] buffer;
    private int size;
    /** Whether the next value or name in the current object or array needs a comma first. */
    private boolean comma;
    /** The most bytes the document may have. */
    private final int limit;

    /** A writer without a limit, for small values known in advance. */
    JsonWriter(int capacity) {
        this(capacity, Integer.MAX_VALUE - HEADROOM);
    }

    /** A writer for a document of at most {@code limit} bytes. */
    JsonWriter(int capacity, int limit) {
        buffer = new byte[Math.min(capacity, limit + HEADROOM)];
        this.limit = limit;
    }

    void startObject() {
        separate();
        put((byte) '{');
        comma = false;
    }

    void endObject() {
        put((byte) '}');
        comma = true;
    }

    void startArray() {
        separate();
        put((byte) '[');
        comma = false;
    }

    void endArray() {
        put((byte) ']');
        comma = true;
    }

    /** A member's name; its value follows. */
    void name(String name) {
        separate();
        byte[] known = KNOWN_NAMES.get(name);
        if (known != null) {
            raw(known);
        } else {
            quoted(name);
            put((byte) ':');
        }
        comma = false;
    }

    void string(String value) {
        separate();
        quoted(value);
        comma = true;
    }

    /** A String, Boolean, Number, Map, List or {@code null}; anything else as its text. */
    void value(Object value) {
        if (value == null) {
            literal(NULL);
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Encoded encoded) {
            literal(encoded.json());
        } else if (value instanceof Boolean b) {
            literal(b ? TRUE : FALSE);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number(((Number) value).longValue());
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            ascii(value.toString());
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                ascii(Double.toString(d));
            } else {
                string(Double.toString(d));
            }
        } else if (value instanceof JsonDocument document) {
            document.writeTo(this);
        } else if (value instanceof Map<?, ?> map) {
            startObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                name(String.valueOf(entry.getKey()));
                value(entry.getValue());
            }
            endObject();
        } else if (value instanceof List<?> list) {
            startArray();
            for (Object item : list) {
                value(item);
            }
            endArray();
        } else {
            string(value.toString());
        }
    }

    void number(long value) {
        ascii(Long.toString(value));
    }

    /** @throws EventTooLargeException when the document is longer than the limit */
    byte[] toBytes() {
        if (size > limit) {
            throw new EventTooLargeException(limit);
        }
        return Arrays.copyOf(buffer, size);
    }

    /** The buffer's length, for tests of how far it grows. */
    int capacity() {
        return buffer.length;
    }

    private static Map<String, byte[]> knownNames(String... names) {
        Map<String, byte[]> known = new java.util.HashMap<>();
        for (String name : names) {
            known.put(name, ('"' + name + "\":").getBytes(StandardCharsets.UTF_8));
        }
        return Map.copyOf(known);
    }

    private void literal(byte[] bytes) {
        separate();
        raw(bytes);
        comma = true;
    }

    /** A number's text, which is ASCII. */
    private void ascii(String text) {
        separate();
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
        comma = true;
    }

    private void separate() {
        if (comma) {
            put((byte) ',');
        }
    }

    private void quoted(String s) {
        int length = s.length();
        ensure(Math.min(length, CHUNK) * MAX_BYTES_PER_CHAR + 2);
        byte[] out = buffer;
        int at = size;
        out[at++] = '"';
        int chunkEnd = CHUNK;
        for (int i = 0; i < length; i++) {
            if (i >= chunkEnd) {
                // Room for one chunk at a time: a 1 MB message must not ask for 6 MB at once.
                size = at;
                ensure(CHUNK * MAX_BYTES_PER_CHAR + 1);
                out = buffer;
                chunkEnd = i + CHUNK;
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[at++] = (byte) c;
                } else {
                    at = escape(out, at, c);
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                at = threeBytes(out, at, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                // Jackson's default writes a pair as two escapes, not as 4 bytes of UTF-8; so do we.
                at = unicodeEscape(out, at, c);
                at = unicodeEscape(out, at, s.charAt(++i));
            } else {
                at = threeBytes(out, at, '\uFFFD');
            }
        }
        out[at++] = '"';
        size = at;
    }

    private static int threeBytes(byte[] out, int at, char c) {
        out[at++] = (byte) (0xE0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | c & 0x3F);
        return at;
    }

    /** Jackson's escapes: the two-character ones JSON names, {@code \\u00XX} for other controls. */
    private static int escape(byte[] out, int at, char c) {
        out[at++] = '\\';
        switch (c) {
            case '"' -> out[at++] = '"';
            case '\\' -> out[at++] = '\\';
            case '\b' -> out[at++] = 'b';
            case '\t' -> out[at++] = 't';
            case '\n' -> out[at++] = 'n';
            case '\f' -> out[at++] = 'f';
            case '\r' -> out[at++] = 'r';
            default -> {
                return unicodeEscape(out, at - 1, c);
            }
        }
        return at;
    }

    private static int unicodeEscape(byte[] out, int at, char c) {
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = HEX[c >> 12];
        out[at++] = HEX[c >> 8 & 0xF];
        out[at++] = HEX[c >> 4 & 0xF];
        out[at++] = HEX[c & 0xF];
        return at;
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            grow(more);
        }
    }

    /**
     * Doubles the buffer, up to the limit and its headroom. What was written so far is checked
     * here: past the limit, or needing more than the headroom allows, the document is too large.
     */
    private void grow(int more) {
        long needed = (long) size + more;
        if (size > limit || needed > (long) limit + HEADROOM) {
            throw new EventTooLargeException(limit);
        }
        long doubled = Math.max(buffer.length * 2L, needed);
        buffer = Arrays.copyOf(buffer, (int) Math.min(doubled, (long) limit + HEADROOM));
    }
}
