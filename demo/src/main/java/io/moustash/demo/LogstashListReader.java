package io.moustash.demo;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes events off a Redis list the way logstash's redis input does in list mode with its default
 * {@code batch_count} of 125: {@code EVALSHA} of a script that does {@code LRANGE key 0 124} then
 * {@code LTRIM key 125 -1}, one atomic batch at a time. (The same script as the tests'
 * {@code testing.LogstashRedisReader}, which lives in a test jar the demo does not ship with.)
 * Not thread-safe.
 */
final class LogstashListReader implements AutoCloseable {
    static final String BATCH_SCRIPT = "local batchsize = tonumber(ARGV[1])\n"
            + "local result = redis.call('lrange', KEYS[1], 0, batchsize)\n"
            + "redis.call('ltrim', KEYS[1], batchsize + 1, -1)\n"
            + "return result\n";
    static final int BATCH_COUNT = 125;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String sha;
    private int batches;

    LogstashListReader(int port) {
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withTimeout(Duration.ofSeconds(5)).build());
        connection = client.connect();
        redis = connection.sync();
        sha = redis.scriptLoad(BATCH_SCRIPT);
    }

    /** One logstash batch: up to {@value #BATCH_COUNT} documents, removed from the list. */
    List<String> readBatch(String key) {
        List<String> batch = redis.evalsha(sha, ScriptOutputType.MULTI, new String[] {key},
                String.valueOf(BATCH_COUNT - 1));
        if (!batch.isEmpty()) {
            batches++;
        }
        return batch;
    }

    /** Everything now in the list, batch by batch, in order, until a batch comes back empty. */
    List<String> drain(String key) {
        List<String> all = new ArrayList<>();
        for (List<String> batch = readBatch(key); !batch.isEmpty(); batch = readBatch(key)) {
            all.addAll(batch);
        }
        return all;
    }

    /** How many batches brought documents. */
    int batches() {
        return batches;
    }

    /**
     * The documents from index {@code from} on, left in place. Not what logstash does: the demo
     * uses it to follow Cuir while it runs, and reads everything the logstash way at the end.
     */
    List<String> peek(String key, long from) {
        return redis.lrange(key, from, -1);
    }

    long length(String key) {
        return redis.llen(key);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
