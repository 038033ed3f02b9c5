package io.moustash.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.rabbitmq.client.Address;
import io.moustash.transport.amqp.AmqpTransport;
import io.moustash.transport.amqp.RabbitSettings;
import io.moustash.transport.redis.RedisSettings;
import io.moustash.transport.redis.RedisTransport;
import io.moustash.transport.stdout.StdoutTransport;
import io.moustash.transport.tls.TlsSettings;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the spool files of a transport are tied to: where events go, not how one logs in. */
class TransportDestinationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static RedisSettings redis(String host, int db, String key, String password, RedisSettings.DataType type,
            String url, TlsSettings tls) {
        return new RedisSettings(host, 6379, db, key, password, type, url, TIMEOUT, tls);
    }

    private static RedisSettings redis(String key, String password) {
        return redis("10.0.0.1", 0, key, password, RedisSettings.DataType.LIST, null, TlsSettings.off("redis_ssl"));
    }

    @Test
    void redisNamesAddressDatabaseTypeAndKeyButNoPasswordOrTls() {
        try (RedisTransport transport = new RedisTransport(redis("logstash", "s3cret"))) {
            assertEquals("redis 10.0.0.1:6379 db 0 list logstash", transport.destination());
        }
        assertEquals(redis("logstash", null).destination(), redis("logstash", "other").destination(),
                "a new password keeps the spooled events");
        assertEquals(redis("logstash", null).destination(), redis("10.0.0.1", 0, "logstash", null,
                RedisSettings.DataType.LIST, null, new TlsSettings(true, Path.of("ca.pem"), null, null, true, "redis_ssl"))
                .destination(), "so does TLS");
        assertNotEquals(redis("logstash", null).destination(), redis("other", null).destination());
        assertNotEquals(redis("logstash", null).destination(), redis("10.0.0.1", 1, "logstash", null,
                RedisSettings.DataType.LIST, null, TlsSettings.off("redis_ssl")).destination());
        assertNotEquals(redis("logstash", null).destination(), redis("10.0.0.1", 0, "logstash", null,
                RedisSettings.DataType.CHANNEL, null, TlsSettings.off("redis_ssl")).destination());
    }

    @Test
    void aRedisUrlGivesTheSameDestinationWithoutItsCredentials() {
        String plain = redis("x", 0, "k", null, RedisSettings.DataType.LIST, "redis://10.0.0.1:6380/2",
                TlsSettings.off("redis_ssl")).destination();
        assertEquals("redis 10.0.0.1:6380 db 2 list k", plain);
        String secret = redis("x", 0, "k", null, RedisSettings.DataType.LIST, "rediss://user:s3cret@10.0.0.1:6380/2",
                TlsSettings.off("redis_ssl")).destination();
        assertEquals(plain, secret);
        assertFalse(secret.contains("s3cret"));
        assertEquals("redis sentinel 10.0.0.1:26379,10.0.0.2:26379 master mymaster db 0 list k",
                redis("x", 0, "k", null, RedisSettings.DataType.LIST,
                        "redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0#mymaster", TlsSettings.off("redis_ssl"))
                        .destination());
        assertEquals("redis unix /run/redis.sock db 0 list k", redis("x", 0, "k", null, RedisSettings.DataType.LIST,
                "redis-socket:///run/redis.sock", TlsSettings.off("redis_ssl")).destination());
    }

    private static RabbitSettings rabbit(String vhost, String user, String password, String exchange, String key,
            TlsSettings tls) {
        return new RabbitSettings(List.of(new Address("10.0.0.1", 5672), new Address("10.0.0.2", 5672)), vhost, user,
                password, exchange, "direct", true, "logstash-queue", true, key, 2, false, tls, TIMEOUT);
    }

    @Test
    void rabbitmqNamesBrokersVhostExchangeAndRoutingKeyButNoCredentialsOrTls() {
        RabbitSettings settings = rabbit("/", "guest", "guest", "logstash", "moustash", TlsSettings.off("rabbitmq_ssl"));
        try (AmqpTransport transport = new AmqpTransport(settings)) {
            assertEquals("rabbitmq 10.0.0.1:5672,10.0.0.2:5672 vhost / exchange logstash key moustash",
                    transport.destination());
        }
        assertEquals(settings.destination(), rabbit("/", "moustash", "s3cret", "logstash", "moustash",
                new TlsSettings(true, null, null, null, false, "rabbitmq_ssl")).destination());
        assertNotEquals(settings.destination(), rabbit("/", "guest", "guest", "logstash", "other",
                TlsSettings.off("rabbitmq_ssl")).destination());
        assertNotEquals(settings.destination(), rabbit("/", "guest", "guest", "other", "moustash",
                TlsSettings.off("rabbitmq_ssl")).destination());
        assertNotEquals(settings.destination(), rabbit("/prod", "guest", "guest", "logstash", "moustash",
                TlsSettings.off("rabbitmq_ssl")).destination());
    }

    @Test
    void stdoutIsOnePlace() {
        assertEquals("stdout", new StdoutTransport(new ByteArrayOutputStream()).destination());
    }
}
