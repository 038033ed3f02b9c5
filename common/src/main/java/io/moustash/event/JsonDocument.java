package io.moustash.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered JSON object being assembled, written with Jackson's streaming generator. Streaming
 * rather than an ObjectMapper keeps a one-shot PanPan from paying for databind's start-up.
 */
final class JsonDocument {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, Object> root = new LinkedHashMap<>();

    /** Sets a top-level key. */
    void put(String key, Object value) {
        root.put(key, value);
    }

    /**
     * Sets a value at a dotted path, creating objects on the way ({@code process.pid} becomes
     * {@code {"process":{"pid":…}}}). Where a step is already a non-object value, the value is
     * stored under the remaining dotted key instead, so nothing is lost.
     */
    @SuppressWarnings("unchecked")
    void putPath(String path, Object value) {
        // indexOf rather than split: this runs for every field of every event.
        Map<String, Object> node = root;
        int from = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
            String step = path.substring(from, dot);
            Object next = node.get(step);
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                node.put(step, next);
            } else if (!(next instanceof Map)) {
                node.put(path.substring(from), value);
                return;
            }
            node = (Map<String, Object>) next;
            from = dot + 1;
        }
        node.put(path.substring(from), value);
    }

    boolean has(String key) {
        return root.containsKey(key);
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(json, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an event as JSON", e);
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
        } else if (value instanceof java.math.BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof java.math.BigInteger i) {
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
}
