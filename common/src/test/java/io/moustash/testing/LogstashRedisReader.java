package io.moustash.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes events off a Redis list exactly as logstash's redis input does in list mode with its
 * default batch_count of 125: EVALSHA of a script that does LRANGE 0..124 then LTRIM.
 */
public final class LogstashRedisReader implements AutoCloseable {
    /** The script logstash's redis input loads for batched list reads. */
    static final String BATCH_SCRIPT = "local batchsize = tonumber(ARGV[1])\n"
            + "local result = redis.call('lrange', KEYS[1], 0, batchsize)\n"
            + "redis.call('ltrim', KEYS[1], batchsize + 1, -1)\n"
            + "return result\n";
    private static final int BATCH_COUNT = 125;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String sha;

    public LogstashRedisReader(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
        redis = connection.sync();
        sha = redis.scriptLoad(BATCH_SCRIPT);
    }

    /** One logstash batch: up to 125 documents, removed from the list. */
    public List<String> readBatch(String key) {
        return redis.evalsha(sha, ScriptOutputType.MULTI, new String[] {key}, String.valueOf(BATCH_COUNT - 1));
    }

    /** Everything now in the list, batch by batch, in order. */
    public List<String> drain(String key) {
        List<String> all = new ArrayList<>();
        for (List<String> batch = readBatch(key); !batch.isEmpty(); batch = readBatch(key)) {
            all.addAll(batch);
        }
        return all;
    }

    /** Waits until {@code count} documents have been read, or {@code timeout} passes. */
    public List<String> await(String key, int count, Duration timeout) throws InterruptedException {
        List<String> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (all.size() < count && System.nanoTime() < deadline) {
            List<String> batch = readBatch(key);
            if (batch.isEmpty()) {
                Thread.sleep(20);
            }
            all.addAll(batch);
        }
        return all;
    }

    public RedisCommands<String, String> commands() {
        return redis;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
