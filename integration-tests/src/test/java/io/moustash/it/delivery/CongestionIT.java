package io.moustash.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.it.Services;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashRedisReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** redis_congestion_threshold against the suite's redis-server: the list stops growing, then resumes. */
class CongestionIT {
    static final String KEY = "it:delivery:congestion";
    static final int THRESHOLD = 500;

    @TempDir
    Path spoolDir;

    @Test
    void theListStopsAtTheThresholdAndResumesWhenLogstashConsumes() throws Exception {
        int count = 5_000;
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            logstash.commands().del(KEY);
            try (Publisher publisher = Wiring.publisher(DeliveryIni.settings(DeliveryIni.redis(Services.redisPort(), KEY,
                    spoolDir, "redis_congestion_threshold = " + THRESHOLD + "\nredis_congestion_interval = 0.1\n")))) {
                List<CompletableFuture<Delivery>> futures = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    futures.add(publisher.publish(Event.builder("panpan").message("event " + i).build()));
                }
                for (CompletableFuture<Delivery> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                long highest = 0;
                for (int i = 0; i < 10; i++) {
                    highest = Math.max(highest, logstash.commands().llen(KEY));
                    Thread.sleep(50);
                }
                assertTrue(highest <= THRESHOLD, "never above the threshold: " + highest);
                assertTrue(highest > THRESHOLD - 250 - 1, "filled up to about the threshold: " + highest);
                long spooled = futures.stream().filter(f -> f.join() == Delivery.SPOOLED).count();
                long start = System.nanoTime();
                List<String> messages = new ArrayList<>();
                logstash.await(KEY, count, Duration.ofSeconds(60)).forEach(d -> messages.add(BrokerRestartContract.message(d)));
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    expected.add("event " + i);
                }
                assertEquals(expected, messages);
                System.out.printf("[figures] congestion: list held at most %d (threshold %d) with nobody reading; "
                        + "%d of %d events spooled meanwhile; all %d read in order %d ms after logstash started reading%n",
                        highest, THRESHOLD, spooled, count, count, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        }
    }
}
