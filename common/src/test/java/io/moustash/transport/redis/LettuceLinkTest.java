package io.moustash.transport.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moustash.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every {@link RedisTransportTest} again, through Lettuce: the link TLS, Sentinel and Unix sockets use. */
class LettuceLinkTest extends RedisTransportTest {

    @Override
    RedisTransport open(RedisSettings settings) {
        return new RedisTransport(settings, new LettuceLink(settings));
    }

    @Test
    void lettucesFlightRecorderEventsAreOffUnlessTheUserAsks() {
        try (Transport transport = transport()) {
            transport.send(List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("false", System.getProperty(LettuceLink.LETTUCE_JFR),
                "set by LettuceLink (or by whoever runs this test with -D" + LettuceLink.LETTUCE_JFR + ")");
    }
}
