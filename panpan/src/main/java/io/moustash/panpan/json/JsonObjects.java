package io.moustash.panpan.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one JSON object into plain maps and lists with Jackson's streaming parser: a one-shot
 * {@code panpan --json} then never loads jackson-databind, whose start-up costs more than the
 * parsing itself. Thread-safe.
 *
 * <p>Values: objects are {@link LinkedHashMap}s in document order, arrays {@link ArrayList}s,
 * integers {@code Integer}, {@code Long} or {@code BigInteger}, other numbers {@code BigDecimal}
 * (exact, and never an infinity JSON cannot write), {@code null} for null.
 *
 * <p>An object of more than {@value #MAX_VALUES} values (members and array items, at any depth) is
 * refused: a few characters of JSON ({@code {},}) make a map of a hundred bytes, and a line of
 * megabytes of them would not fit in PanPan's heap.
 */
public final class JsonObjects {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** {@value}: far more than any log line holds, a few megabytes of maps and lists at most. */
    static final int MAX_VALUES = 100_000;

    private JsonObjects() {
    }

    /**
     * The object {@code text} holds, or empty when it is not exactly one JSON object: not JSON, an
     * array or a scalar, something after the object, more than {@value #MAX_VALUES} values, or
     * beyond Jackson's nesting and size limits.
     */
    public static Optional<Map<String, Object>> parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Object> object = new Reader(parser).readObject();
            return parser.nextToken() == null ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One parse, counting the values read. */
    private static final class Reader {
        private final JsonParser parser;
        private int values;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        Map<String, Object> readObject() throws IOException {
            Map<String, Object> object = new LinkedHashMap<>();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                object.put(name, readValue(parser.nextToken()));
            }
            return object;
        }

        private Object readValue(JsonToken token) throws IOException {
            if (token == null) {
                throw new IOException("unexpected end of input");
            }
            if (++values > MAX_VALUES) {
                throw new IOException("more than " + MAX_VALUES + " values");
            }
            return switch (token) {
                case START_OBJECT -> readObject();
                case START_ARRAY -> readArray();
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new IOException("unexpected " + token);
            };
        }

        private List<Object> readArray() throws IOException {
            List<Object> array = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                array.add(readValue(token));
            }
            return array;
        }
    }
}
