package io.moustash.panpan.event;

import io.moustash.event.Event;
import io.moustash.event.EventField;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Places a user's own fields ({@code -f key=value}, the keys of a {@code --json} object) in both
 * event shapes.
 *
 * <p>Objects are flattened to dotted leaves ({@code {"event":{"action":"deploy"}}} becomes
 * {@code event.action}): in ECS the leaves then merge into the objects the encoder writes instead
 * of replacing them, and the legacy shape, flat by design, gets dotted keys, which Elasticsearch
 * expands back into objects. A scalar aimed at an object ECS owns would wipe it out
 * ({@code "host": "web1"} in place of {@code host.name}), so it is moved: {@code host} to
 * {@code host.name}, the others under {@code labels}. The legacy shape keeps the key as given.
 */
public final class UserFields {
    private static final Set<String> ECS_OBJECTS = Set.of("host", "event", "moustash", "labels");

    private UserFields() {
    }

    /** Adds {@code value} under {@code key}; {@code null} values and empty objects add nothing. */
    public static void add(Event.Builder event, String key, Object value) {
        add(event::field, key, value);
    }

    /** As {@link #add(Event.Builder, String, Object)}, handing each resulting field to {@code fields}. */
    public static void add(Consumer<EventField> fields, String key, Object value) {
        if (value instanceof Map<?, ?> object) {
            object.forEach((name, inner) -> add(fields, key + "." + name, inner));
            return;
        }
        if (value == null) {
            return;
        }
        String safeKey = hasEmptyStep(key) ? key.replace('.', '_') : key;
        if (ECS_OBJECTS.contains(safeKey)) {
            String ecsPath = safeKey.equals("host") ? "host.name" : "labels." + safeKey;
            fields.accept(new EventField(ecsPath, safeKey, value));
        } else {
            fields.accept(EventField.plain(safeKey, value));
        }
    }

    /**
     * Whether a dotted key has an empty step ({@code a..b}, {@code .a}, {@code a.}): such a key has
     * no place in a tree of objects, so its dots are taken literally as underscores.
     */
    public static boolean hasEmptyStep(String key) {
        return !key.isEmpty() && (key.startsWith(".") || key.endsWith(".") || key.contains(".."));
    }
}
