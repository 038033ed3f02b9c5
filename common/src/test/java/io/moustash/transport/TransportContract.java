package io.moustash.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every transport must do, run against a real broker by each implementation's test (like
 * Micrometer's registry compatibility kit). Subclasses start the broker and read back the way
 * logstash would.
 */
public abstract class TransportContract {

    /** A transport to the running broker. */
    protected abstract Transport transport();

    /** A transport to a broker that is not there (a closed port on 127.0.0.1), with a 1 s timeout. */
    protected abstract Transport unreachableTransport();

    /** Every document the broker now holds for logstash, in order, removed. */
    protected abstract List<String> received(int expected) throws Exception;

    private static byte[] doc(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendsOneDocument() throws Exception {
        try (Transport transport = transport()) {
            transport.send(List.of(doc("{\"message\":\"one\"}")));
        }
        assertEquals(List.of("{\"message\":\"one\"}"), received(1));
    }

    @Test
    void sendsABatchInOrder() throws Exception {
        List<byte[]> batch = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add("{\"n\":" + i + "}");
            batch.add(doc(expected.get(i)));
        }
        try (Transport transport = transport()) {
            transport.send(batch.subList(0, 250));
            transport.send(batch.subList(250, 500));
        }
        assertEquals(expected, received(500));
    }

    @Test
    void anyTextRoundTrips() throws Exception {
        String big = "x".repeat(1024 * 1024);
        String odd = "{\"message\":\"café ☕ 𝄞 \\u0000\\u001f \\\"quoted\\\" \\\\ \\n\"}";
        try (Transport transport = transport()) {
            transport.send(List.of(doc(odd), doc("{\"message\":\"" + big + "\"}")));
        }
        List<String> got = received(2);
        assertEquals(odd, got.get(0));
        assertEquals("{\"message\":\"" + big + "\"}", got.get(1));
    }

    @Test
    void anEmptyBatchSendsNothing() throws Exception {
        try (Transport transport = transport()) {
            transport.send(List.of());
            transport.send(List.of(doc("{\"after\":true}")));
        }
        assertEquals(List.of("{\"after\":true}"), received(1));
    }

    @Test
    void anUnreachableBrokerFailsFastWithItsAddress() {
        try (Transport transport = unreachableTransport()) {
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(doc("{}"))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "gave up within the timeout, took " + took);
            assertTrue(e.getMessage().contains("127.0.0.1:"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        Transport transport = transport();
        transport.close();
        transport.close();
    }
}
