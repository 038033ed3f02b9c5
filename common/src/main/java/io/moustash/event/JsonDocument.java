package io.moustash.event;

import java.util.Arrays;
import java.util.Map;

/**
 * An ordered JSON object being assembled, then written with {@link JsonWriter}. A key set twice
 * keeps its first place and its last value. Keys live in a small array searched in order rather
 * than a hash map: an event has about a dozen keys per object, and the encoder builds one document
 * per event (hundreds of thousands a second with {@code panpan --stdin}).
 */
final class JsonDocument {
    private String[] keys = new String[8];
    private Object[] values = new Object[8];
    private int size;

    /** Sets a top-level key. */
    void put(String key, Object value) {
        int at = indexOf(key);
        if (at >= 0) {
            values[at] = value;
        } else {
            append(key, value);
        }
    }

    /**
     * Sets a value at a dotted path, creating objects on the way ({@code process.pid} becomes
     * {@code {"process":{"pid":…}}}). Where a step is already a non-object value, the value is
     * stored under the remaining dotted key instead, so nothing is lost. A step that holds a
     * field's own map is copied into a document first, so the event's value is never changed.
     */
    void putPath(String path, Object value) {
        // indexOf rather than split: this runs for every field of every event.
        JsonDocument node = this;
        int from = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
            JsonDocument next = node.child(path.substring(from, dot));
            if (next == null) {
                node.put(path.substring(from), value);
                return;
            }
            node = next;
            from = dot + 1;
        }
        node.put(path.substring(from), value);
    }

    /** {@code putPath(parent + "." + key, value)} for a key without dots, without taking the path apart. */
    void putIn(String parent, String key, Object value) {
        JsonDocument node = child(parent);
        if (node == null) {
            put(parent + "." + key, value);
        } else {
            node.put(key, value);
        }
    }

    /** The object under {@code key}, created when absent; {@code null} when the key holds another value. */
    private JsonDocument child(String key) {
        int at = indexOf(key);
        if (at < 0) {
            JsonDocument created = new JsonDocument();
            append(key, created);
            return created;
        }
        if (values[at] instanceof JsonDocument document) {
            return document;
        }
        if (values[at] instanceof Map<?, ?> map) {
            JsonDocument copy = copyOf(map);
            values[at] = copy;
            return copy;
        }
        return null;
    }

    boolean has(String key) {
        return indexOf(key) >= 0;
    }

    /** Whether anything is set at {@code path} or on the way to it (a value where an object would go). */
    boolean hasPath(String path) {
        JsonDocument node = this;
        int from = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
            int at = node.indexOf(path.substring(from, dot));
            if (at < 0) {
                return false;
            }
            if (!(node.values[at] instanceof JsonDocument next)) {
                return true;
            }
            node = next;
            from = dot + 1;
        }
        return node.has(path.substring(from));
    }

    /** @throws EventTooLargeException when longer than {@link EventEncoder#MAX_DOCUMENT_BYTES} */
    byte[] toBytes() {
        JsonWriter json = new JsonWriter(512, EventEncoder.MAX_DOCUMENT_BYTES);
        writeTo(json);
        return json.toBytes();
    }

    void writeTo(JsonWriter json) {
        json.startObject();
        for (int i = 0; i < size; i++) {
            json.name(keys[i]);
            json.value(values[i]);
        }
        json.endObject();
    }

    private int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private void append(String key, Object value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size++] = value;
    }

    private static JsonDocument copyOf(Map<?, ?> map) {
        JsonDocument copy = new JsonDocument();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
