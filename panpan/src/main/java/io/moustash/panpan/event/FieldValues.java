package io.moustash.panpan.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Gives the value of {@code -f key=value} the JSON type it reads as, so that {@code -f port=8080}
 * arrives as the number 8080 and {@code -f ok=true} as the boolean {@code true}, and an
 * Elasticsearch range query or a logstash conditional works on them. Only JSON's own spellings
 * count: {@code 007}, {@code 1e} or {@code True} stay strings, so a zip code keeps its zero.
 */
public final class FieldValues {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private FieldValues() {
    }

    /** A Long, BigInteger, BigDecimal, Boolean or the text itself. */
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
}
