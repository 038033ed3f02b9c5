package io.moustash.cuir.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moustash.cuir.probe.Status;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of an HTTP check read from the configuration: URLs, status codes, headers, JSON rules and the JSON reader. */
class HttpPartsTest {

    @Test
    void urlsGiveHostPortAndRequest() {
        HttpUrl url = HttpUrl.parse("https://[::1]/a%20b?x=1#frag");
        assertEquals("::1", url.host());
        assertEquals(443, url.port());
        assertEquals("/a%20b?x=1", url.request());
        assertEquals("[::1]", url.hostHeader());
        assertEquals("127.0.0.1:8080", HttpUrl.parse("http://127.0.0.1:8080").hostHeader());
        assertEquals("/", HttpUrl.parse("http://127.0.0.1:8080").request());
        assertEquals("http://127.0.0.1:8080/b/c", HttpUrl.parse("http://127.0.0.1:8080/a/x").resolve("/b/c").toString());
        assertEquals("https://localhost/", HttpUrl.parse("http://127.0.0.1/").resolve("https://localhost/").toString());
        assertEquals("expected an http:// or https:// URL", assertThrows(IllegalArgumentException.class,
                () -> HttpUrl.parse("127.0.0.1:80")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HttpUrl.parse("http://u:p@127.0.0.1/")).getMessage()
                .startsWith("user:password@ in a URL is not supported"));
    }

    @Test
    void statusCodesAreCodesAndRanges() {
        StatusCodes codes = StatusCodes.parse("200-204, 301 404");
        assertTrue(codes.accepts(200) && codes.accepts(204) && codes.accepts(301) && codes.accepts(404));
        assertFalse(codes.accepts(205) || codes.accepts(302));
        assertEquals("200-204,301,404", codes.toString());
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("2xx"));
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("600"));
    }

    @Test
    void headersAreTokensAndValues() {
        assertEquals(new Header("X-Api-Key", "a:b c"), Header.parse("X-Api-Key:  a:b c "));
        assertEquals("bad header is not a header name", assertThrows(IllegalArgumentException.class,
                () -> Header.parse("bad header: x")).getMessage());
    }

    @Test
    void jsonRulesReadOneLineEach() {
        JsonRule rule = JsonRule.parse("queue.depth<1000 else warning");
        assertEquals("queue.depth", rule.path());
        assertEquals("<", rule.operator());
        assertEquals("1000", rule.value());
        assertEquals(Status.WARNING, rule.severity());
        JsonRule quoted = JsonRule.parse("motd = \" spaced \"");
        assertEquals(" spaced ", quoted.value());
        assertEquals(Status.DOWN, quoted.severity());
        assertEquals("warning", JsonRule.parse("state = warning").value(), "a value may be the word warning");
        assertEquals("!=", JsonRule.parse("a.b != c").operator());
        assertThrows(IllegalArgumentException.class, () -> JsonRule.parse("version ~ (unclosed"));
    }

    @Test
    void jsonRulesCompareNumbersAsNumbersAndTheRestAsText() {
        Object doc = JsonReader.read("{\"n\":1.50,\"s\":\"12\",\"b\":false,\"a\":[1,{\"k\":\"v\"}],\"o\":{}}");
        assertTrue(JsonRule.parse("n = 1.5").failure(doc).isEmpty());
        assertTrue(JsonRule.parse("s > 9").failure(doc).isEmpty(), "a number in a string compares as a number");
        assertTrue(JsonRule.parse("b = false").failure(doc).isEmpty());
        assertTrue(JsonRule.parse("a.1.k = v").failure(doc).isEmpty());
        assertEquals("o is an object, not a value", JsonRule.parse("o = x").failure(doc).orElseThrow());
        assertEquals("n is 1.50, expected > 2", JsonRule.parse("n > 2").failure(doc).orElseThrow());
        assertEquals("s is '12', expected ~ ^x", JsonRule.parse("s ~ ^x").failure(doc).orElseThrow());
        assertEquals("zz is missing", JsonRule.parse("zz != 1").failure(doc).orElseThrow());
    }

    @Test
    void theJsonReaderAgreesWithJackson() throws Exception {
        ObjectMapper jackson = new ObjectMapper();
        for (String json : List.of("{\"a\":[1,-2.5e3,true,null,\"\\u00e9\\n\\\"\"],\"b\":{\"c\":{}}}", "[]", "\"x\"", "0",
                " {\"deep\" : [[[ {\"k\" : 1E2 } ]]] } ", "{\"" + "k\":\"" + "\\\\/\\t" + "\"}")) {
            assertSame(jackson.readTree(json), JsonReader.read(json), json);
        }
        for (String bad : List.of("{", "{\"a\" 1}", "[1,]", "01", "\"\\q\"", "tru", "")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.read(bad), bad);
            assertThrows(Exception.class, () -> {
                if (jackson.readTree(bad) == null || jackson.readTree(bad).isMissingNode()) {
                    throw new IllegalStateException("empty");
                }
            }, "Jackson refuses " + bad + " too");
        }
        // Jackson's readTree stops after the first value; a body with more is no JSON document.
        assertThrows(IllegalArgumentException.class, () -> JsonReader.read("{} x"));
    }

    private static void assertSame(JsonNode expected, Object actual, String json) {
        if (expected.isObject()) {
            Map<?, ?> map = (Map<?, ?>) actual;
            assertEquals(expected.size(), map.size(), json);
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertSame(expected.get(name), map.get(name), json);
            }
        } else if (expected.isArray()) {
            List<?> list = (List<?>) actual;
            assertEquals(expected.size(), list.size(), json);
            for (int i = 0; i < list.size(); i++) {
                assertSame(expected.get(i), list.get(i), json);
            }
        } else if (expected.isNumber()) {
            assertEquals(0, expected.decimalValue().compareTo((BigDecimal) actual), json);
        } else if (expected.isNull()) {
            assertEquals(JsonReader.NULL, actual, json);
        } else if (expected.isBoolean()) {
            assertEquals(expected.booleanValue(), actual, json);
        } else {
            assertEquals(expected.textValue(), actual, json);
        }
    }
}
