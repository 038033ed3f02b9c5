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
 */
public final class JsonObjects {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonObjects() {
    }

    /**
     * The object {@code text} holds, or empty when it is not exactly one JSON object: not JSON, an
     * array or a scalar, something after the object, or beyond Jackson's nesting and size limits.
     */
    public static Optional<Map<String, Object>> parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Object> object = readObject(parser);
            return parser.nextToken() == null ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("unexpected end of input");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(readValue(parser, token));
        }
        return array;
    }
}
