package io.moustash.panpan.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FieldValuesTest {
    @Test
    void jsonSpellingsBecomeNumbersAndBooleans() {
        assertEquals(8080L, FieldValues.typed("8080"));
        assertEquals(-3L, FieldValues.typed("-3"));
        assertEquals(0L, FieldValues.typed("0"));
        assertEquals(new BigInteger("99999999999999999999"), FieldValues.typed("99999999999999999999"));
        assertEquals(new BigDecimal("0.25"), FieldValues.typed("0.25"));
        assertEquals(new BigDecimal("1e400"), FieldValues.typed("1e400"));
        assertEquals(Boolean.TRUE, FieldValues.typed("true"));
        assertEquals(Boolean.FALSE, FieldValues.typed("false"));
    }

    @Test
    void everythingElseStaysText() {
        for (String text : new String[] {"007", "1.", ".5", "1e", "+1", "True", "yes", "", "0x10", "NaN", "1 2", "null"}) {
            assertEquals(text, FieldValues.typed(text), text);
        }
    }
}
