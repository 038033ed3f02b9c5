package io.moustash.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Redis away and spool_max_bytes reached, the oldest events go, and one event says so once Redis is back. */
class SpoolCapIT {
    static final String KEY = "it:delivery:cap";

    @TempDir
    Path spoolDir;

    @Test
    void theDropReportArrivesFirstAndTheNewestFollowInOrder() throws Exception {
        int count = 20_000;
        try (RedisServerProcess redis = new RedisServerProcess()) {
            redis.stop();
            Instant before = Instant.now();
            try (Publisher publisher = Wiring.publisher(DeliveryIni.settings(
                    DeliveryIni.redis(redis.port(), KEY, spoolDir, "spool_max_bytes = 262144\n")))) {
                for (int i = 0; i < count; i++) {
                    publisher.publish(Event.builder("panpan").message("event " + i).build());
                }
                publisher.publish(Event.builder("panpan").message("event " + count).build()).get(30, TimeUnit.SECONDS);
                redis.start();
                try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
                    List<String> first = logstash.await(KEY, 1, Duration.ofSeconds(20));
                    JsonNode report = LogstashDocuments.assertValid(first.get(0), "ecs");
                    assertEquals("spool-dropped", report.path("event").path("action").textValue(), first.get(0));
                    JsonNode dropped = report.path("moustash").path("dropped");
                    long droppedCount = dropped.path("count").asLong();
                    Instant from = Instant.parse(dropped.path("first").textValue());
                    Instant to = Instant.parse(dropped.path("last").textValue());
                    assertTrue(!from.isBefore(before.minusMillis(1)) && !to.isBefore(from), report.toString());
                    int kept = (int) (count + 1 - droppedCount);
                    // A logstash read takes up to 125 at once: the report came with the first of the rest.
                    List<String> rest = new java.util.ArrayList<>(first.subList(1, first.size()));
                    rest.addAll(logstash.await(KEY, kept - rest.size(), Duration.ofSeconds(30)));
                    assertEquals(kept, rest.size(), () -> "report " + report + "; got " + rest.size()
                            + "; left in the list: " + logstash.commands().llen(KEY));
                    for (int i = 0; i < kept; i++) {
                        assertEquals("event " + (count + 1 - kept + i), BrokerRestartContract.message(rest.get(i)));
                    }
                    assertTrue(logstash.drain(KEY).isEmpty(), "one report, nothing more");
                    System.out.printf("[figures] spool cap 256 KiB: %d of %d events dropped and reported in one event; "
                            + "%d newest delivered in order%n", droppedCount, count + 1, kept);
                }
            }
        }
    }
}
