package io.moustash.delivery;

import static io.moustash.delivery.ScriptedTransport.Outcome.FAIL;
import static io.moustash.delivery.ScriptedTransport.Outcome.TAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.event.EventTooLargeException;
import io.moustash.spool.Spool;
import io.moustash.testing.LogstashDocuments;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-shot's publisher: the event goes on the caller's thread only when the spool directory is
 * empty and the broker takes it at once; otherwise the reliable publisher keeps every guarantee
 * (the spool first, in order; on disk when the broker is away), with the event's id unchanged.
 */
class OneShotPublisherTest {
    private static final EventEncoder ENCODER = EventEncoder.of(
            new EventSettings(EventFormat.ECS, "test-host", List.of()));

    @TempDir
    Path spoolDir;

    private DeliverySettings delivery() {
        return DeliverySettings.defaults(spoolDir).withReconnect(Duration.ofMillis(20), Duration.ofMillis(50))
                .withCloseTimeout(Duration.ofMillis(500));
    }

    private static Event event(String message) {
        return Event.builder("panpan").message(message).build();
    }

    private static String message(String document) {
        return LogstashDocuments.parse(document).path("message").textValue();
    }

    private static String id(String document) {
        return LogstashDocuments.parse(document).path("event").path("id").textValue();
    }

    private String[] spoolEntries() {
        return new File(spoolDir.toString()).list();
    }

    @Test
    void anEmptySpoolAndABrokerThatTakesItSendOnTheCallersThreadAndTouchNoFile() throws Exception {
        ScriptedTransport transport = new ScriptedTransport();
        CompletableFuture<Delivery> future;
        try (OneShotPublisher publisher = new OneShotPublisher(transport, ENCODER, spoolDir, delivery())) {
            future = publisher.publish(event("one"));
            assertTrue(future.isDone(), "sent before publish returned");
            assertEquals(Duration.ZERO, publisher.longestWait());
            assertFalse(publisher.keptInSpool());
            assertTrue(publisher.outage().isEmpty());
        }
        assertEquals(Delivery.DELIVERED, future.get());
        assertEquals(List.of("one"), transport.taken().stream().map(OneShotPublisherTest::message).toList());
        assertEquals(0, spoolEntries().length, "no spool file, no lock: " + List.of(spoolEntries()));
    }

    @Test
    void whatEarlierRunsSpooledGoesFirst() throws Exception {
        Spool left = Spool.open(spoolDir, "scripted", 1L << 30, line -> { });
        left.append(List.of(ENCODER.encode(event("earlier 1")), ENCODER.encode(event("earlier 2"))));
        left.close();
        ScriptedTransport transport = new ScriptedTransport();
        CompletableFuture<Delivery> future;
        try (OneShotPublisher publisher = new OneShotPublisher(transport, ENCODER, spoolDir, delivery())) {
            future = publisher.publish(event("now"));
            future.get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of("earlier 1", "earlier 2", "now"),
                transport.taken().stream().map(OneShotPublisherTest::message).toList());
    }

    @Test
    void whatADrainLeavesBehindHoldsNoEventAndDoesNotKeepTheNextOneShotOffItsShortPath() throws Exception {
        Spool left = Spool.open(spoolDir, "scripted", 1L << 30, line -> { });
        left.append(List.of(ENCODER.encode(event("earlier"))));
        left.close();
        try (OneShotPublisher drains = new OneShotPublisher(new ScriptedTransport(), ENCODER, spoolDir, delivery())) {
            drains.publish(event("behind it")).get(5, TimeUnit.SECONDS);
        }
        assertTrue(Spool.holdsNoFile(spoolDir), "left: " + List.of(spoolEntries()));
        try (OneShotPublisher next = new OneShotPublisher(new ScriptedTransport(), ENCODER, spoolDir, delivery())) {
            assertTrue(next.publish(event("next")).isDone());
            assertEquals(Duration.ZERO, next.longestWait(), "sent on the caller's thread, no reliable publisher made");
        }
    }

    @Test
    void aSpoolFileOrAWaitingDropReportIsSomethingToDeliverFirst() throws Exception {
        assertTrue(Spool.holdsNoFile(spoolDir));
        java.nio.file.Files.writeString(spoolDir.resolve("notes.txt"), "not the spool's");
        java.nio.file.Files.createFile(spoolDir.resolve(Spool.DRAIN_LOCK));
        java.nio.file.Files.createFile(spoolDir.resolve(Spool.DROPS));
        assertTrue(Spool.holdsNoFile(spoolDir), "a lock, an emptied drop report and a stranger hold no event");
        java.nio.file.Files.writeString(spoolDir.resolve(Spool.DROPS), "a report");
        assertFalse(Spool.holdsNoFile(spoolDir), "a drop report waits");
        java.nio.file.Files.delete(spoolDir.resolve(Spool.DROPS));
        java.nio.file.Files.createFile(spoolDir.resolve("1764633600000-4242-000001.spool"));
        assertFalse(Spool.holdsNoFile(spoolDir), "a spool file, even of another process or destination");
        assertFalse(Spool.holdsNoFile(spoolDir.resolve("missing")), "a directory that cannot be listed");
    }

    @Test
    void aBrokerAwayKeepsTheEventOnDiskAndTheNextRunDeliversItWithTheSameId() throws Exception {
        ScriptedTransport away = new ScriptedTransport().script(FAIL);
        CompletableFuture<Delivery> future;
        boolean kept;
        DeliverySettings slowRetry = delivery().withReconnect(Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (OneShotPublisher publisher = new OneShotPublisher(away, ENCODER, spoolDir, slowRetry)) {
            future = publisher.publish(event("kept"));
            assertEquals(Delivery.SPOOLED, future.get(5, TimeUnit.SECONDS));
            assertEquals(1, away.sends(), "spooled after the one failed try, not after a second one");
            assertEquals(Optional.of("scripted: connection refused (scripted)"), publisher.outage(),
                    "the reliable publisher says why");
            publisher.close();
            kept = publisher.keptInSpool();
        }
        assertTrue(kept);

        ScriptedTransport back = new ScriptedTransport();
        try (OneShotPublisher next = new OneShotPublisher(back, ENCODER, spoolDir, delivery())) {
            next.publish(event("next")).get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of("kept", "next"), back.taken().stream().map(OneShotPublisherTest::message).toList());
    }

    @Test
    void aFailedFirstTryIsSpooledAndSentAgainWithTheSameId() throws Exception {
        ScriptedTransport failsOnce = new ScriptedTransport().script(TAKE, FAIL);
        boolean kept;
        try (OneShotPublisher publisher = new OneShotPublisher(failsOnce, ENCODER, spoolDir, delivery())) {
            assertEquals(Delivery.SPOOLED, publisher.publish(event("again")).get(5, TimeUnit.SECONDS),
                    "kept on disk at once after the failed try");
            publisher.close();
            kept = publisher.keptInSpool();
        }
        assertTrue(kept, "closing while the broker is away keeps it for the next run, as the reliable publisher does");
        try (OneShotPublisher next = new OneShotPublisher(failsOnce, ENCODER, spoolDir, delivery())) {
            next.publish(event("next")).get(5, TimeUnit.SECONDS);
        }
        List<String> attempts = failsOnce.attempted();
        assertEquals(List.of("again", "again", "next"), attempts.stream().map(OneShotPublisherTest::message).toList());
        assertEquals(id(attempts.get(0)), id(attempts.get(1)), "a duplicate the broker may hold can be dropped by its id");
        assertFalse(id(attempts.get(0)) == null || id(attempts.get(0)).isEmpty(), attempts.get(0));
    }

    @Test
    void aDocumentOverTheLimitIsRefusedBeforeAnythingIsSent() {
        ScriptedTransport transport = new ScriptedTransport();
        try (OneShotPublisher publisher = new OneShotPublisher(transport, ENCODER, spoolDir, delivery())) {
            String huge = "x".repeat(EventEncoder.MAX_DOCUMENT_BYTES);
            assertThrows(EventTooLargeException.class, () -> publisher.publish(event(huge)));
        }
        assertEquals(0, transport.sends());
    }

    @Test
    void closedItRefuses() {
        OneShotPublisher publisher = new OneShotPublisher(new ScriptedTransport(), ENCODER, spoolDir, delivery());
        publisher.close();
        assertTrue(publisher.publish(event("late")).isCompletedExceptionally());
    }
}
