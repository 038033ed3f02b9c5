package io.moustash.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for a test class, with a reader that takes events off {@value #KEY} the way
 * logstash does, and the list emptied after each test so that no test sees another's events.
 * Register it on a static field: {@code @RegisterExtension static final LogstashList redis = new LogstashList();}
 * It starts before the class's own {@code @BeforeAll} methods, which may use its port.
 */
public final class LogstashList implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    /** Moustash's default {@code redis_namespace}. */
    public static final String KEY = "logstash:moustash";

    private RedisFixture redis;
    private LogstashRedisReader reader;

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisFixture.running();
        reader = new LogstashRedisReader(redis.url());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        reader.commands().del(KEY);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        reader.close();
        redis.close();
    }

    public int port() {
        return redis.port();
    }

    public String url() {
        return redis.url();
    }

    /** Reads {@value #KEY} (or any key) as logstash's redis input does. */
    public LogstashRedisReader reader() {
        return reader;
    }
}
