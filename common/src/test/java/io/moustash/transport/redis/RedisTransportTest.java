package io.moustash.transport.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.moustash.testing.LogstashList;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.RedisFixture;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportContract;
import io.moustash.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis transport against a real redis-server, over the plain-socket link that plain TCP uses;
 * {@link LettuceLinkTest} runs every test here again through Lettuce, so both links say the same.
 */
class RedisTransportTest extends TransportContract {
    private static final String KEY = LogstashList.KEY;
    @RegisterExtension
    static final LogstashList redis = new LogstashList();

    static RedisSettings settings(int port, RedisSettings.DataType type, Duration timeout) {
        return new RedisSettings("127.0.0.1", port, 0, KEY, null, type, null, timeout);
    }

    /** The transport under test for {@code settings}. */
    RedisTransport open(RedisSettings settings) {
        return new RedisTransport(settings);
    }

    @Override
    protected Transport transport() {
        return open(settings(redis.port(), RedisSettings.DataType.LIST, Duration.ofSeconds(5)));
    }

    @Override
    protected Transport unreachableTransport() {
        return open(settings(RedisFixture.freePort(), RedisSettings.DataType.LIST, Duration.ofSeconds(1)));
    }

    @Override
    protected List<String> received(int expected) throws Exception {
        return redis.reader().await(KEY, expected, Duration.ofSeconds(5));
    }

    @Test
    void aBatchIsOneRoundTrip() {
        redis.reader().commands().configResetstat();
        try (Transport transport = transport()) {
            transport.send(List.of(bytes("{\"a\":1}"), bytes("{\"a\":2}"), bytes("{\"a\":3}")));
        }
        String stats = redis.reader().commands().info("commandstats");
        assertTrue(stats.contains("cmdstat_rpush:calls=1,"), stats);
        assertEquals(3L, redis.reader().commands().llen(KEY));
    }

    @Test
    void channelModePublishesToSubscribers() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            sub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(message);
                }
            });
            sub.sync().subscribe(KEY);
            try (Transport transport = open(
                    settings(redis.port(), RedisSettings.DataType.CHANNEL, Duration.ofSeconds(5)))) {
                transport.send(List.of(bytes("{\"c\":1}"), bytes("{\"c\":2}")));
            }
            assertEquals("{\"c\":1}", heard.poll(5, TimeUnit.SECONDS));
            assertEquals("{\"c\":2}", heard.poll(5, TimeUnit.SECONDS));
        } finally {
            client.shutdown();
        }
        assertEquals(0L, redis.reader().commands().exists(KEY));
    }

    @Test
    void aRefusedConnectionSaysSo() {
        int port = RedisFixture.freePort();
        try (Transport transport = open(settings(port, RedisSettings.DataType.LIST, Duration.ofSeconds(1)))) {
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
            assertEquals("redis 127.0.0.1:" + port + ": connection refused", e.getMessage());
        }
    }

    @Test
    void reconnectsAfterRedisRestarts() throws Exception {
        try (RedisFixture own = RedisFixture.running(); Transport transport = open(
                settings(own.port(), RedisSettings.DataType.LIST, Duration.ofSeconds(1)))) {
            transport.send(List.of(bytes("{\"before\":1}")));
            own.stop();
            assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{\"during\":1}"))));
            own.start();
            transport.send(List.of(bytes("{\"after\":1}")));
            try (LogstashRedisReader reader = new LogstashRedisReader(own.url())) {
                assertEquals(List.of("{\"after\":1}"), reader.drain(KEY));
            }
        }
    }

    @Test
    void passwordsAreUsedAndNeverShown() {
        try (RedisFixture secured = RedisFixture.running("requirepass s3cret-pw")) {
            RedisSettings wrong = new RedisSettings("127.0.0.1", secured.port(), 0, KEY, "not-it",
                    RedisSettings.DataType.LIST, null, Duration.ofSeconds(2));
            try (Transport transport = open(wrong)) {
                TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
                assertEquals("redis 127.0.0.1:" + secured.port() + ": authentication failed: wrong password (redis_password)",
                        e.getMessage());
            }
            RedisSettings none = new RedisSettings("127.0.0.1", secured.port(), 0, KEY, null,
                    RedisSettings.DataType.LIST, null, Duration.ofSeconds(2));
            try (Transport transport = open(none)) {
                TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
                assertEquals("redis 127.0.0.1:" + secured.port() + ": authentication required: set redis_password",
                        e.getMessage());
            }
            RedisSettings right = new RedisSettings("127.0.0.1", secured.port(), 0, KEY, "s3cret-pw",
                    RedisSettings.DataType.LIST, null, Duration.ofSeconds(2));
            try (Transport transport = open(right)) {
                transport.send(List.of(bytes("{\"ok\":1}")));
                assertTrue(!transport.describe().contains("s3cret"), transport.describe());
            }
        }
    }

    @Test
    void aUrlOverridesTheSingleOptions() throws Exception {
        RedisSettings viaUrl = new RedisSettings("nowhere.invalid", 1, 0, KEY, null, RedisSettings.DataType.LIST,
                "redis://127.0.0.1:" + redis.port() + "/3", Duration.ofSeconds(2));
        try (Transport transport = open(viaUrl)) {
            transport.send(List.of(bytes("{\"db\":3}")));
            assertEquals("redis 127.0.0.1:" + redis.port(), transport.describe());
        }
        redis.reader().commands().select(3);
        try {
            assertEquals(List.of("{\"db\":3}"), redis.reader().drain(KEY));
        } finally {
            redis.reader().commands().select(0);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
