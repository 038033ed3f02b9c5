package io.moustash.event;

import java.util.Objects;

/**
 * A tool-specific field, named once for each shape: {@code ecsPath} is a dotted path into the ECS
 * document ({@code process.pid}, {@code moustash.fouet.from_state}), {@code legacyName} the flat key
 * the original Moustash used or would have used ({@code pid}, {@code from_state}). A {@code null}
 * legacy name leaves the field out of the legacy shape.
 *
 * @param value a String, Number, Boolean, List or Map that Jackson can write
 */
public record EventField(String ecsPath, String legacyName, Object value) {
    public EventField {
        Objects.requireNonNull(ecsPath, "ecsPath");
        Objects.requireNonNull(value, "value of " + ecsPath);
    }

    /** A field with the same name in both shapes, e.g. a user's own {@code env=prod}. */
    public static EventField plain(String name, Object value) {
        return new EventField(name, name, value);
    }
}
