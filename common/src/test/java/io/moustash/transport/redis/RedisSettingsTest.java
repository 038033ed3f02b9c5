package io.moustash.transport.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void plainTcpNeedsNoLettuceButTlsSentinelAndUnixSocketsDo() {
        assertTrue(new RedisSettings("127.0.0.1", 6379, 0, "k", null, RedisSettings.DataType.LIST, null,
                Duration.ofSeconds(1)).plainTcp());
        assertTrue(withUrl("redis://:pw@127.0.0.1:6379/2").plainTcp());
        assertFalse(withUrl("rediss://127.0.0.1:6380").plainTcp());
        assertFalse(withUrl("redis-sentinel://127.0.0.1:26379/0#mymaster").plainTcp());
        assertFalse(withUrl("redis-socket:///run/redis.sock").plainTcp());
    }

    @Test
    void aUrlGivesHostPortDatabaseAndCredentials() {
        assertEquals(new RedisSettings.Endpoint("127.0.0.1", 6390, 2, "moustash", "pw"),
                withUrl("redis://moustash:pw@127.0.0.1:6390/2").endpoint());
        assertEquals(new RedisSettings.Endpoint("::1", 6379, 0, null, null), withUrl("redis://[::1]").endpoint());
        assertEquals(new RedisSettings.Endpoint("10.0.0.1", 6379, 1, null, "s"),
                new RedisSettings("10.0.0.1", 6379, 1, "k", "s", RedisSettings.DataType.LIST, null,
                        Duration.ofSeconds(1)).endpoint());
    }

    @Test
    void anEndpointNeverShowsItsPassword() {
        assertFalse(withUrl("redis://:s3cret@127.0.0.1:6379").endpoint().toString().contains("s3cret"));
    }

    private static RedisSettings withUrl(String url) {
        return new RedisSettings("ignored", 1, 0, "k", null, RedisSettings.DataType.LIST, url, Duration.ofSeconds(1));
    }
}
