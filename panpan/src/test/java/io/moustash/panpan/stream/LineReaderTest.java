package io.moustash.panpan.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> all(LineReader reader) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static LineReader of(String text) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void splitsOnNewlineDropsCarriageReturnKeepsALastUnterminatedLine() throws IOException {
        assertEquals(List.of("a", "", "b", "c\rd", "last"), all(of("a\n\nb\r\nc\rd\nlast")));
        assertEquals(List.of(), all(of("")));
    }

    @Test
    void replacesBytesThatAreNotUtf8() throws IOException {
        byte[] bytes = {'h', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF, (byte) 0xC3, '\n'};
        assertEquals(List.of("h\u00e9 \uFFFD\uFFFD"), all(new LineReader(new ByteArrayInputStream(bytes))));
    }

    @Test
    void linesLongerThanTheBufferGrowIt() throws IOException {
        String big = "y".repeat(300_000);
        assertEquals(List.of(big, "after"), all(of(big + "\nafter\n")));
    }

    /** The buffer holds the limit and one byte more, so such a line is never taken for a longer one. */
    @Test
    void aLineOfExactlyTheLimitIsOneLine() throws IOException {
        assertEquals(List.of("12345678", "next"), all(new LineReader(new ByteArrayInputStream(
                "12345678\nnext\n".getBytes(StandardCharsets.UTF_8)), 8)));
        assertEquals(List.of("12345678", "9", "next"), all(new LineReader(new ByteArrayInputStream(
                "123456789\nnext\n".getBytes(StandardCharsets.UTF_8)), 8)));
        String limit = "\u65e5" + "w".repeat(LineReader.MAX_LINE - 3);
        assertEquals(List.of(limit, "next"), all(of(limit + "\nnext\n")));
    }

    @Test
    void linesLongerThanTheLimitAreCutOnCharacterBoundaries() throws IOException {
        // 4 + 3 bytes fit in 8; the next 'é' (2 bytes) would be split at byte 8, so the cut comes before it.
        LineReader reader = new LineReader(new ByteArrayInputStream(
                "abcd\u20ac\u00e9xyz\n".getBytes(StandardCharsets.UTF_8)), 8);
        assertEquals(List.of("abcd\u20ac", "\u00e9xyz"), all(reader));
    }

    @Test
    void tellsWhetherALineIsWaitingWithoutBlocking() throws IOException {
        PipedOutputStream producer = new PipedOutputStream();
        LineReader reader = new LineReader(new PipedInputStream(producer, 1024));
        assertFalse(reader.hasLine(), "nothing written yet");
        producer.write("one\ntw".getBytes(StandardCharsets.UTF_8));
        assertTrue(reader.hasLine());
        assertEquals("one", reader.readLine());
        assertFalse(reader.hasLine(), "half a line is not a line");
        producer.write("o\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(reader.hasLine());
        assertEquals("two", reader.readLine());
        producer.close();
        assertNull(reader.readLine());
        assertTrue(reader.hasLine(), "the end of input, once seen, is at hand");
    }
}
