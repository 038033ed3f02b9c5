package io.moustash.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's reader and broker together: a real redis-server, read back in logstash's batches. */
@Timeout(30)
class LogstashListReaderTest {
    @TempDir
    Path dir;

    @Test
    void drainsTheListInOrderInBatchesOf125AndLeavesItEmpty() {
        List<String> documents = IntStream.range(0, 130).mapToObj(i -> "{\"n\":" + i + "}").toList();
        try (EmbeddedRedis redis = EmbeddedRedis.start(dir);
                LogstashListReader reader = new LogstashListReader(redis.port())) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().rpush("k", documents.toArray(String[]::new));
                assertEquals(documents.subList(128, 130), reader.peek("k", 128));
                assertEquals(130, reader.length("k"));
                assertEquals(125, reader.readBatch("k").size());
                assertEquals(5, reader.length("k"));
                connection.sync().rpush("k", documents.subList(0, 5).toArray(String[]::new));
                List<String> rest = reader.drain("k");
                assertEquals(documents.subList(125, 130), rest.subList(0, 5));
                assertEquals(documents.subList(0, 5), rest.subList(5, 10));
                assertEquals(0, reader.length("k"));
                assertEquals(2, reader.batches());
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void theBinaryStaysInTheGivenDirectoryAndTheServerStops() throws Exception {
        int port;
        try (EmbeddedRedis redis = EmbeddedRedis.start(dir)) {
            port = redis.port();
            try (Stream<Path> files = Files.list(dir.resolve("redis"))) {
                assertTrue(files.findAny().isPresent());
            }
        }
        try (Socket socket = new Socket()) {
            assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000));
        }
    }
}
