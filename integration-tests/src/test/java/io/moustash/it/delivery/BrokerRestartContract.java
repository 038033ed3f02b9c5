package io.moustash.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restart in the middle of a stream loses nothing and keeps the order. Each broker's IT
 * extends this with how to configure, stop, start and read it (RedisRestartIT, RabbitRestartIT).
 */
abstract class BrokerRestartContract {
    static final int EVENTS = 10_000;
    static final long PER_SECOND = 2_000;
    static final Duration DOWN_AT = Duration.ofSeconds(1);
    static final Duration DOWN_FOR = Duration.ofSeconds(4);

    @TempDir
    Path spoolDir;

    /** The [moustash] section for this broker, spooling to {@code spoolDir}. */
    protected abstract String ini(Path spoolDir);

    protected abstract void stopBroker();

    protected abstract void startBroker();

    /** The messages the broker holds for logstash, in order, waiting up to {@code timeout} for {@code count}. */
    protected abstract List<String> received(int count, Duration timeout) throws Exception;

    protected abstract String name();

    @Test
    void aStreamSurvivesARestartWholeAndInOrder() throws Exception {
        List<CompletableFuture<Delivery>> futures = new ArrayList<>();
        long[] fouetLike = new long[EVENTS / 100];
        Thread restarter = new Thread(() -> {
            LockSupport.parkNanos(DOWN_AT.toNanos());
            stopBroker();
            LockSupport.parkNanos(DOWN_FOR.toNanos());
            startBroker();
        }, "restarter");
        long start;
        long streamEnd;
        List<String> messages;
        Duration total;
        try (Publisher publisher = Wiring.publisher(DeliveryIni.settings(ini(spoolDir)))) {
            // Connected and warm before the clock starts, so that the broker goes down mid-stream.
            assertEquals(Delivery.DELIVERED, publisher.publish(Event.builder("panpan").message("warm-up").build())
                    .get(30, TimeUnit.SECONDS));
            assertEquals(List.of("warm-up"), received(1, Duration.ofSeconds(10)));
            start = System.nanoTime();
            restarter.start();
            for (int i = 0; i < EVENTS; i++) {
                long t = System.nanoTime();
                CompletableFuture<Delivery> f = publisher.publish(Event.builder("panpan").message("event " + i).build());
                futures.add(f);
                if (i % 100 == 0) {
                    // Like Fouet: wait for the answer before going on.
                    f.get(5, TimeUnit.SECONDS);
                    fouetLike[i / 100] = System.nanoTime() - t;
                }
                LockSupport.parkNanos(start + (i + 1) * 1_000_000_000L / PER_SECOND - System.nanoTime());
            }
            restarter.join(30_000);
            for (CompletableFuture<Delivery> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            streamEnd = System.nanoTime();
            // Read while the publisher runs, as logstash does: a closing publisher does not wait for
            // a broker that is still away, it leaves the spool to the next run.
            messages = new ArrayList<>(received(EVENTS, Duration.ofSeconds(60)));
            for (int i = 0; i < 10 && new java.util.HashSet<>(messages).size() < EVENTS; i++) {
                messages.addAll(received(EVENTS - new java.util.HashSet<>(messages).size(), Duration.ofSeconds(1)));
            }
            total = Duration.ofNanos(System.nanoTime() - start);
        }
        long spooled = futures.stream().filter(f -> f.join() == Delivery.SPOOLED).count();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            expected.add("event " + i);
        }
        // At-least-once: a batch the broker took just as it went down may come again; a consumer drops
        // the copy by its event id (here the message is as unique).
        List<String> unique = new ArrayList<>(new java.util.LinkedHashSet<>(messages));
        int duplicates = messages.size() - unique.size();
        assertEquals(expected, unique, () -> "all " + EVENTS + " events, in order; " + firstDifference(expected, unique));
        assertTrue(spooled > 0, "the broker was down mid-stream, so some events were spooled");
        Arrays.sort(fouetLike);
        System.out.printf("[figures] %s restart: %d events, %d spooled while down %d s; all delivered %d ms after the "
                + "stream began (stream %d ms); %d duplicates; publish-and-wait latency median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                name(), EVENTS, spooled, DOWN_FOR.toSeconds(), total.toMillis(),
                TimeUnit.NANOSECONDS.toMillis(streamEnd - start), duplicates, fouetLike[fouetLike.length / 2] / 1e6,
                fouetLike[fouetLike.length * 99 / 100] / 1e6, fouetLike[fouetLike.length - 1] / 1e6);
    }

    static String firstDifference(List<String> expected, List<String> got) {
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            if (!expected.get(i).equals(got.get(i))) {
                return "at " + i + " expected " + expected.get(i) + " got " + got.subList(i, Math.min(got.size(), i + 5))
                        + " (" + got.size() + " received)";
            }
        }
        return got.size() + " received";
    }

    static String message(String document) {
        return LogstashDocuments.parse(document).path("message").textValue();
    }
}
