package io.moustash.it.delivery;

import io.moustash.testing.LogstashRedisReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Debian's redis-server stopped for several seconds in the middle of a 10,000-event stream. */
class RedisRestartIT extends BrokerRestartContract {
    static final String KEY = "it:delivery:restart";
    private RedisServerProcess redis;

    @BeforeEach
    void startRedis() {
        redis = new RedisServerProcess();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Override
    protected String ini(Path spoolDir) {
        return DeliveryIni.redis(redis.port(), KEY, spoolDir, "");
    }

    @Override
    protected void stopBroker() {
        redis.stop();
    }

    @Override
    protected void startBroker() {
        redis.start();
    }

    @Override
    protected List<String> received(int count, Duration timeout) throws Exception {
        try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
            return logstash.await(KEY, count, timeout).stream().map(BrokerRestartContract::message).toList();
        }
    }

    @Override
    protected String name() {
        return "redis";
    }
}
