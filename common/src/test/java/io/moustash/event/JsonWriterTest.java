package io.moustash.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written writer against Jackson's generator, which the encoders used before: same bytes. */
class JsonWriterTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    /** What the encoders wrote with Jackson: surrogates repaired first, then Jackson's defaults. */
    private static byte[] jackson(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JACKSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(json, value);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(Text.wellFormed(s));
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            json.writeNumber(i);
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(Text.wellFormed(String.valueOf(entry.getKey())));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(Text.wellFormed(value.toString()));
        }
    }

    private static byte[] ours(Object value) {
        JsonWriter writer = new JsonWriter(16);
        writer.value(value);
        return writer.toBytes();
    }

    private static void assertSame(Object value) throws IOException {
        byte[] expected = jackson(value);
        byte[] actual = ours(value);
        int at = java.util.Arrays.mismatch(expected, actual);
        if (at >= 0) {
            int from = Math.max(0, at - 8);
            assertEquals(hex(expected, from), hex(actual, from), "bytes differ from offset " + at);
        }
    }

    private static String hex(byte[] bytes, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < Math.min(bytes.length, from + 24); i++) {
            out.append(String.format("%02x ", bytes[i]));
        }
        return out.toString();
    }

    @Test
    void everyCharOfTheBasicPlaneAndLoneSurrogatesAreWrittenAsJacksonDid() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c);
        }
        assertSame(all.toString());
        assertSame("pair \uD83D\uDE00 lone high \uD83D end, lone low \uDE00, high at the end \uD83D");
    }

    @Test
    void randomTextOfEveryKindIncludingLongerThanAChunk() throws IOException {
        Random random = new Random(42);
        char[] alphabet = {'a', 'Z', '"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u00e9',
            '\u0800', '\u65e5', '\uFFFD', '\uD83D', '\uDE00', '/', ' '};
        for (int round = 0; round < 200; round++) {
            int length = round == 0 ? 20_000 : random.nextInt(300);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertSame(s.toString());
        }
    }

    @Test
    void numbersBooleansNullsListsAndMaps() throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("int", 42);
        map.put("long", Long.MIN_VALUE);
        map.put("short", (short) -3);
        map.put("double", 0.1);
        map.put("float", 1.5f);
        map.put("huge", 1e300);
        map.put("nan", Double.NaN);
        map.put("inf", Double.NEGATIVE_INFINITY);
        map.put("decimal", new BigDecimal("12345678901234567890.000001"));
        map.put("big", new BigInteger("123456789012345678901234567890"));
        map.put("yes", true);
        map.put("no", false);
        map.put("nothing", null);
        map.put(7, "a key that is no string");
        map.put("k\u0001\"ey", List.of());
        List<Object> nested = new ArrayList<>();
        nested.add(Map.of());
        nested.add(List.of(1, "two", List.of(3.0)));
        nested.add(null);
        map.put("nested", nested);
        map.put("other", new StringBuilder("as its text"));
        assertSame(map);
        assertSame(List.of());
    }

    @Test
    void aDocumentUpToTheLimitIsWrittenWhole() {
        int limit = 100_000;
        for (char c : new char[] {'a', '"', '\u0001', '\u00e9', '\u65e5'}) {
            int perChar = ours(String.valueOf(c)).length - 2;
            String text = String.valueOf(c).repeat((limit - 2) / perChar);
            JsonWriter writer = new JsonWriter(16, limit);
            writer.value(text);
            byte[] bytes = writer.toBytes();
            assertTrue(bytes.length <= limit && bytes.length > limit - perChar - 2, "'" + c + "': " + bytes.length);
            assertEquals(new String(ours(text), StandardCharsets.UTF_8), new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void oneByteOverTheLimitIsRefused() {
        JsonWriter writer = new JsonWriter(16, 10);
        writer.value("12345678");
        assertEquals(10, writer.toBytes().length);
        JsonWriter over = new JsonWriter(16, 10);
        over.value("123456789");
        EventTooLargeException e = assertThrows(EventTooLargeException.class, over::toBytes);
        assertEquals("the event's JSON document would be larger than 10 bytes", e.getMessage());
        assertEquals(64, e.exitCode());
    }

    /** Six times 3 MB of control characters: refused while writing, the buffer never past the limit's headroom. */
    @Test
    void aDocumentOverTheLimitIsRefusedBeforeTheBufferGrowsPastIt() {
        int limit = 1024 * 1024;
        JsonWriter writer = new JsonWriter(16, limit);
        String controls = "\u0001".repeat(3_000_000);
        assertThrows(EventTooLargeException.class, () -> {
            writer.startObject();
            writer.name("message");
            writer.value(controls);
            writer.endObject();
            writer.toBytes();
        });
        assertTrue(writer.capacity() <= limit + 64 * 1024, "buffer grew to " + writer.capacity());
        JsonWriter quotes = new JsonWriter(16, limit);
        assertThrows(EventTooLargeException.class, () -> {
            quotes.value(List.of("\"".repeat(limit / 2), "x"));
            quotes.toBytes();
        });
        assertTrue(quotes.capacity() <= limit + 64 * 1024, "buffer grew to " + quotes.capacity());
    }
}
