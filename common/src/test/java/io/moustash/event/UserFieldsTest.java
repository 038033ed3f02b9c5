package io.moustash.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class UserFieldsTest {
    @Test
    void jsonSpellingsBecomeNumbersAndBooleans() {
        assertEquals(8080L, UserFields.typed("8080"));
        assertEquals(-3L, UserFields.typed("-3"));
        assertEquals(0L, UserFields.typed("0"));
        assertEquals(new BigInteger("99999999999999999999"), UserFields.typed("99999999999999999999"));
        assertEquals(new BigDecimal("0.25"), UserFields.typed("0.25"));
        assertEquals(new BigDecimal("1e400"), UserFields.typed("1e400"));
        assertEquals(Boolean.TRUE, UserFields.typed("true"));
        assertEquals(Boolean.FALSE, UserFields.typed("false"));
    }

    @Test
    void everythingElseStaysText() {
        for (String text : new String[] {"007", "1.", ".5", "1e", "+1", "True", "yes", "", "0x10", "NaN", "1 2", "null"}) {
            assertEquals(text, UserFields.typed(text), text);
        }
    }

    @Test
    void theFileFormIsTypedAndKeepsItsOrder() {
        assertEquals("{n=3, ok=true, zip=007, http.status=200, env=prod}",
                UserFields.parse("n=3, ok=true, zip=007, http.status=200,, env=prod").toString());
        assertEquals(3L, UserFields.parse("n=3").toMap().get("n"));
    }

    @Test
    void aKeyCannotBeBothAValueAndAnObject() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserFields.builder().put("a", 1L).put("a.b", 2L));
        assertEquals("a=1 and a.b=2: a cannot be both a value and an object", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UserFields.parse("a.b=2, a=1"));
        assertEquals("a.b=2 and a=1: a cannot be both a value and an object", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> UserFields.parse("a.b.c=2").checkAgainst(UserFields.parse("a.b=1"), "[moustash] fields"));
        assertEquals("a.b=1 ([moustash] fields) and a.b.c=2: a.b cannot be both a value and an object", e.getMessage());
        UserFields.parse("a=2").checkAgainst(UserFields.parse("a=1, ab=1"), "same key: an override");
    }

    @Test
    void aRepeatedKeyTakesTheLastValueAndReplaceLetsTheLaterWin() {
        assertEquals("{b=2, a=3}", UserFields.builder().put("a", 1L).put("b", 2L).put("a", 3L).build().toString());
        assertEquals("{a=1}", UserFields.builder().put("a.b", 2L).put("a.c", 2L).replace("a", 1L).build().toString());
        assertEquals("{x.y=1, x.z=true}", UserFields.builder()
                .put("x", java.util.Map.of("y", 1L)).put("x", java.util.Map.of("z", true)).build().toString());
    }
}
