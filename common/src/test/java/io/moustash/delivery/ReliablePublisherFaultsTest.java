package io.moustash.delivery;

import static io.moustash.delivery.ScriptedTransport.Outcome.FAIL;
import static io.moustash.delivery.ScriptedTransport.Outcome.HANG;
import static io.moustash.delivery.ScriptedTransport.Outcome.TAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.spool.Spool;
import io.moustash.testing.LogstashDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's paths that a real broker cannot be made to take on cue: a send that never
 * returns while closing, a send on the caller's thread that fails, a full list with a spool that
 * refuses. Each asserts the same thing: every event is delivered or on disk, in order, in time.
 */
class ReliablePublisherFaultsTest {
    private static final EventEncoder ENCODER = EventEncoder.of(
            new EventSettings(EventFormat.ECS, "test-host", List.of()));

    @TempDir
    Path spoolDir;

    private DeliverySettings delivery() {
        return DeliverySettings.defaults(spoolDir).withReconnect(Duration.ofMillis(20), Duration.ofMillis(50));
    }

    private ReliablePublisher publisher(ScriptedTransport transport, DeliverySettings delivery, CongestionGuard guard) {
        return new ReliablePublisher(transport, ENCODER, Spool.open(spoolDir, transport.destination(),
                delivery.spoolMaxBytes(), line -> { }),
                delivery, guard);
    }

    private static Event event(int n) {
        return Event.builder("panpan").message("event " + n).build();
    }

    private static List<Integer> numbers(List<String> documents) {
        return documents.stream()
                .map(d -> Integer.parseInt(LogstashDocuments.parse(d).path("message").textValue().substring(6)))
                .toList();
    }

    /** What the spool holds, delivered by a publisher whose broker takes everything. */
    private List<Integer> deliveredFromTheSpool() throws Exception {
        ScriptedTransport later = new ScriptedTransport();
        try (ReliablePublisher next = publisher(later, delivery(), null)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (next.state() != DeliveryState.State.SENDING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        return numbers(later.taken());
    }

    @Test
    void closingWithAStuckSendKeepsEverythingOnDiskWithinTheCloseTimeout() throws Exception {
        ScriptedTransport stuck = new ScriptedTransport().script(TAKE, HANG);
        DeliverySettings delivery = delivery().withCloseTimeout(Duration.ofMillis(300));
        List<CompletableFuture<Delivery>> futures = new ArrayList<>();
        ReliablePublisher publisher = publisher(stuck, delivery, null);
        futures.add(publisher.publish(event(0)));
        assertTrue(stuck.awaitHanging(Duration.ofSeconds(5)), "the first send hangs");
        for (int i = 1; i < 5; i++) {
            futures.add(publisher.publish(event(i)));
        }
        long start = System.nanoTime();
        publisher.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(300 + 200 + 1000)) < 0, "close returned in " + took);
        for (CompletableFuture<Delivery> f : futures) {
            assertEquals(Delivery.SPOOLED, f.getNow(null), "every future is complete when close returns");
        }
        assertEquals(List.of(0, 1, 2, 3, 4), deliveredFromTheSpool());
    }

    @Test
    void aSendOnTheCallersThreadThatFailsIsSpooledAndDeliveredInOrderAfterwards() throws Exception {
        ScriptedTransport flaky = new ScriptedTransport().script(TAKE, TAKE, FAIL, FAIL);
        List<Delivery> outcomes = new ArrayList<>();
        try (ReliablePublisher publisher = publisher(flaky, delivery(), null)) {
            for (int i = 0; i < 4; i++) {
                outcomes.add(publisher.publishAndWait(event(i), Duration.ofSeconds(5)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (publisher.state() != DeliveryState.State.SENDING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            outcomes.add(publisher.publishAndWait(event(4), Duration.ofSeconds(5)));
        }
        assertEquals(Delivery.DELIVERED, outcomes.get(0));
        assertEquals(Delivery.SPOOLED, outcomes.get(1), "the failed send on the caller's thread was spooled");
        assertEquals(Delivery.DELIVERED, outcomes.get(4), "delivered directly again once the spool drained");
        assertEquals(List.of(0, 1, 2, 3, 4), numbers(flaky.taken()));
    }

    @Test
    void aFullListAndASpoolThatRefusesSendTheEventsAnyway() throws Exception {
        ScriptedTransport transport = new ScriptedTransport();
        CongestionGuard full = new CongestionGuard(() -> 1_000, 10);
        try (ReliablePublisher publisher = publisher(transport, delivery(), full)) {
            // The spool's directory becomes a file: nothing can be written there any more.
            Files.delete(spoolDir);
            Files.writeString(spoolDir, "not a directory");
            assertEquals(Delivery.DELIVERED, publisher.publish(event(0)).get(5, TimeUnit.SECONDS),
                    "over the threshold is better than lost");
        } finally {
            Files.deleteIfExists(spoolDir);
            Files.createDirectories(spoolDir);
        }
        assertEquals(List.of(0), numbers(transport.taken()));
    }
}
