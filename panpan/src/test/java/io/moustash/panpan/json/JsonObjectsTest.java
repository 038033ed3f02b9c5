package io.moustash.panpan.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectsTest {
    @Test
    void readsAnObjectWithItsTypes() {
        Map<String, Object> object = JsonObjects.parse(
                "{\"s\":\"x\",\"i\":3,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":0.1,"
                        + "\"t\":true,\"n\":null,\"a\":[1,\"b\",{\"c\":false}],\"o\":{\"p\":{}}}").orElseThrow();
        assertEquals(List.of("s", "i", "l", "big", "d", "t", "n", "a", "o"), List.copyOf(object.keySet()), "order kept");
        assertEquals("x", object.get("s"));
        assertEquals(3, object.get("i"));
        assertEquals(12345678901L, object.get("l"));
        assertEquals(new BigInteger("123456789012345678901234567890"), object.get("big"));
        assertEquals(new BigDecimal("0.1"), object.get("d"));
        assertEquals(Boolean.TRUE, object.get("t"));
        assertTrue(object.containsKey("n") && object.get("n") == null);
        assertEquals(Arrays.asList(1, "b", Map.of("c", false)), object.get("a"));
        assertEquals(Map.of("p", Map.of()), object.get("o"));
    }

    @Test
    void anythingButExactlyOneObjectIsRefused() {
        for (String text : List.of("", "not json", "[1]", "\"s\"", "42", "{\"a\":1", "{\"a\":1} trailing",
                "{\"a\":1} {\"b\":2}", "{\"a\":[1,", "{'a':1}", "[".repeat(2000) + "]".repeat(2000),
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            assertTrue(JsonObjects.parse(text).isEmpty(), text.length() > 40 ? text.substring(0, 40) : text);
        }
    }

    /** Three characters a map: four megabytes of them would be hundreds of megabytes of maps. */
    @Test
    void moreValuesThanTheLimitAreRefused() {
        String most = "{\"a\":[" + "{},".repeat(JsonObjects.MAX_VALUES - 2) + "{}]}";
        assertTrue(JsonObjects.parse(most).isPresent(), "the array and its items: as many values as allowed");
        String one = "{\"a\":[" + "{},".repeat(JsonObjects.MAX_VALUES - 1) + "{}]}";
        assertTrue(JsonObjects.parse(one).isEmpty());
        assertTrue(JsonObjects.parse("{\"a\":[" + "{},".repeat(1_400_000) + "{}]}").isEmpty());
    }
}
