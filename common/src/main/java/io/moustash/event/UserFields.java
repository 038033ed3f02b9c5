package io.moustash.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A user's own fields, wherever they come from: {@code [moustash] fields}, a Cuir probe's
 * {@code fields}, PanPan's {@code -f key=value} and the keys of a {@code --json} object. Immutable.
 * The rule they follow is decided here and in the encoders, once:
 *
 * <ul>
 *   <li>a value written as text is typed as JSON reads it ({@link #typed}): {@code n=3} is the
 *       number 3, {@code ok=true} the boolean, {@code zip=007} the string;</li>
 *   <li>a key is a dotted path: {@code http.status} is {@code {"http":{"status":…}}} in ECS, the
 *       flat key {@code http.status} in the legacy shape (which Elasticsearch expands the same way);
 *       an object given as a value is flattened to its dotted leaves;</li>
 *   <li>a key cannot be both a value and an object ({@code a=1} with {@code a.b=2}): Elasticsearch
 *       could map neither, so {@link Builder#put} refuses it, naming both;</li>
 *   <li>where a field lands in each shape is the encoders' business (see {@link EventEncoder}).</li>
 * </ul>
 */
public final class UserFields {
    public static final UserFields NONE = new UserFields(List.of());

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Dotted keys with scalar or list values, in the order given; no key is a prefix of another. */
    private final List<Map.Entry<String, Object>> entries;

    private UserFields(List<Map.Entry<String, Object>> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The JSON type {@code text} reads as: a Long, BigInteger, BigDecimal, Boolean, or the text
     * itself. Only JSON's own spellings count: {@code 007}, {@code 1e} or {@code True} stay strings,
     * so a zip code keeps its zero.
     */
    public static Object typed(String text) {
        if (text.equals("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("false")) {
            return Boolean.FALSE;
        }
        if (INTEGER.matcher(text).matches()) {
            BigInteger value = new BigInteger(text);
            return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
        }
        if (NUMBER.matcher(text).matches()) {
            // BigDecimal, not double: 0.1 stays 0.1 and 1e400 cannot become Infinity, which is not JSON.
            return new BigDecimal(text);
        }
        return text;
    }

    /**
     * Parses the configuration file's form, {@code key=value} pairs separated by commas, each value
     * {@link #typed}; the option parser of {@code [moustash] fields} and of a probe's {@code fields}.
     *
     * @throws IllegalArgumentException for a pair without {@code =}, a dotted key with an empty step,
     *         or a key that is both a value and an object
     */
    public static UserFields parse(String text) {
        Builder fields = builder();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq <= 0 ? "" : item.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("expected key=value pairs separated by commas");
            }
            if (hasEmptyStep(key)) {
                throw new IllegalArgumentException(key + ": a dotted key needs a name between the dots");
            }
            fields.put(key, typed(item.substring(eq + 1).trim()));
        }
        return fields.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a dotted key has an empty step ({@code a..b}, {@code .a}, {@code a.}): such a key has
     * no place in a tree of objects.
     */
    public static boolean hasEmptyStep(String key) {
        return !key.isEmpty() && (key.startsWith(".") || key.endsWith(".") || key.contains(".."));
    }

    /** The fields as dotted key and value, in order. */
    public List<Map.Entry<String, Object>> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The fields by dotted key, in order; for tests and listings. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    /** Whether one of these fields has {@code key}, or is inside it or holds it: {@code a} for {@code a.b}. */
    public boolean clashesWith(String key) {
        for (Map.Entry<String, Object> entry : entries) {
            if (clash(entry.getKey(), key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks that none of these fields contradicts one of {@code other}'s, which were given
     * elsewhere ({@code [moustash] fields}): the same key is an override, but {@code a} here with
     * {@code a.b} there cannot both be.
     *
     * @throws IllegalArgumentException naming both fields, {@code other}'s with {@code otherOrigin}
     */
    public void checkAgainst(UserFields other, String otherOrigin) {
        for (Map.Entry<String, Object> mine : entries) {
            for (Map.Entry<String, Object> theirs : other.entries) {
                if (!mine.getKey().equals(theirs.getKey()) && clash(mine.getKey(), theirs.getKey())) {
                    throw conflict(mine, theirs, " (" + otherOrigin + ")");
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserFields other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /** Whether two keys are the same or one is an object holding the other. */
    private static boolean clash(String a, String b) {
        return a.equals(b) || isInside(a, b) || isInside(b, a);
    }

    private static boolean isInside(String inner, String outer) {
        return inner.length() > outer.length() && inner.startsWith(outer) && inner.charAt(outer.length()) == '.';
    }

    private static IllegalArgumentException conflict(Map.Entry<String, Object> one, Map.Entry<String, Object> other,
            String otherOrigin) {
        String value = isInside(one.getKey(), other.getKey()) ? other.getKey() : one.getKey();
        return new IllegalArgumentException(shown(other) + otherOrigin + " and " + shown(one) + ": " + value
                + " cannot be both a value and an object");
    }

    private static String shown(Map.Entry<String, Object> entry) {
        return entry.getKey() + "=" + entry.getValue();
    }

    /** Builds {@link UserFields} from keys and already typed values. Not thread-safe. */
    public static final class Builder {
        private final List<Map.Entry<String, Object>> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds {@code value} under the dotted {@code key}; an object is flattened to its leaves,
         * {@code null} and empty objects add nothing, a key with an empty step has its dots taken
         * literally as underscores. A key given again replaces its earlier value (and takes its place
         * at the end).
         *
         * @throws IllegalArgumentException when the key is an object where another is a value, or the
         *         other way round ({@code a=1} and {@code a.b=2}), naming both
         */
        public Builder put(String key, Object value) {
            return add(key, value, false);
        }

        /**
         * As {@link #put}, but a key that contradicts earlier ones replaces them: for a {@code --json}
         * line, which is sent whatever it holds, and for the command line's {@code -f} over it.
         */
        public Builder replace(String key, Object value) {
            return add(key, value, true);
        }

        private Builder add(String key, Object value, boolean replace) {
            if (value instanceof Map<?, ?> object) {
                object.forEach((name, inner) -> add(key + "." + name, inner, replace));
                return this;
            }
            if (value == null) {
                return this;
            }
            String safeKey = hasEmptyStep(key) ? key.replace('.', '_') : key;
            Map.Entry<String, Object> added = new java.util.AbstractMap.SimpleImmutableEntry<>(safeKey, value);
            if (!replace) {
                for (Map.Entry<String, Object> earlier : entries) {
                    if (!earlier.getKey().equals(safeKey) && clash(earlier.getKey(), safeKey)) {
                        throw conflict(added, earlier, "");
                    }
                }
            }
            entries.removeIf(earlier -> clash(earlier.getKey(), safeKey));
            entries.add(added);
            return this;
        }

        /** All of {@code fields}, each as by {@link #replace}. */
        public Builder replaceAll(UserFields fields) {
            fields.entries.forEach(e -> replace(e.getKey(), e.getValue()));
            return this;
        }

        public UserFields build() {
            return entries.isEmpty() ? NONE : new UserFields(entries);
        }
    }
}
