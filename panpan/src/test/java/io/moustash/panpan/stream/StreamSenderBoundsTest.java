package io.moustash.panpan.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.delivery.StreamIntake;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventTooLargeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What the sender holds back from the publisher, and how it refuses a line whose document is too large. */
class StreamSenderBoundsTest {
    /**
     * A publisher whose batches stay unacknowledged until the sender waits for them: what it has
     * published and not yet waited for is what the sender makes the process hold in memory.
     */
    private static final class Recorder implements Publisher {
        private final Predicate<String> tooLarge;
        private final List<List<String>> batches = new ArrayList<>();
        private final List<Long> outstandingBefore = new ArrayList<>();
        private long outstanding;
        private long mostOutstanding;

        Recorder(Predicate<String> tooLarge) {
            this.tooLarge = tooLarge;
        }

        @Override
        public CompletableFuture<Delivery> publish(Event event) {
            return publishAll(List.of(event));
        }

        @Override
        public CompletableFuture<Delivery> publishAll(List<Event> events) {
            List<String> messages = events.stream().map(Event::message).toList();
            if (messages.stream().anyMatch(tooLarge)) {
                throw new EventTooLargeException(EventEncoder.MAX_DOCUMENT_BYTES);
            }
            long chars = messages.stream().mapToLong(String::length).sum();
            outstandingBefore.add(outstanding);
            batches.add(messages);
            outstanding += chars;
            mostOutstanding = Math.max(mostOutstanding, outstanding);
            return new CompletableFuture<>() {
                @Override
                public Delivery join() {
                    if (complete(Delivery.DELIVERED)) {
                        outstanding -= chars;
                    }
                    return super.join();
                }
            };
        }

        @Override
        public java.time.Duration longestWait() {
            return java.time.Duration.ZERO;
        }

        @Override
        public void close() {
        }
    }

    private static StreamSender.Totals send(String input, Recorder publisher, List<String> warnings) throws Exception {
        LineReader lines = new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return new StreamSender(lines, (line, notJson) -> Event.builder("panpan").message(line).build(), publisher,
                warnings::add).run();
    }

    /** Lines of control characters, six bytes each once escaped: at most a few megabytes of them wait at once. */
    @Test
    void charactersWaitingForTheBrokerAreBounded() throws Exception {
        String line = "\u0001".repeat(500_000);
        Recorder publisher = new Recorder(message -> false);
        StreamSender.Totals totals = send((line + "\n").repeat(40), publisher, new ArrayList<>());
        assertEquals(40, totals.delivered());
        assertTrue(publisher.mostOutstanding <= StreamIntake.MAX_WAITING_CHARS + StreamIntake.MAX_GROUP_CHARS,
                "at most " + publisher.mostOutstanding + " characters unacknowledged");
        assertTrue(publisher.batches.size() > 1, "still more than one batch: " + publisher.batches.size());
    }

    @Test
    void aLineThatCouldPassTheDocumentLimitGoesAloneOnceEverythingBeforeItHasLeft() throws Exception {
        String big = "b".repeat(StreamIntake.MAX_GROUPED_CHARS + 1);
        Recorder publisher = new Recorder(message -> false);
        send("one\ntwo\n" + big + "\nthree\n", publisher, new ArrayList<>());
        int alone = publisher.batches.indexOf(List.of(big));
        assertTrue(alone > 0, "a batch of its own: " + publisher.batches.size() + " batches");
        assertEquals(0, publisher.outstandingBefore.get(alone), "nothing else waiting beside it");
        assertEquals(List.of("one", "two", big, "three"),
                publisher.batches.stream().flatMap(List::stream).toList(), "order kept");
    }

    @Test
    void aRefusedLineIsSaidWithItsNumberAndTheRestIsSent() throws Exception {
        String big = "\u0001".repeat(StreamIntake.MAX_GROUPED_CHARS + 1);
        Recorder publisher = new Recorder(message -> message.equals(big) || message.equals("huge"));
        List<String> warnings = new ArrayList<>();
        // "huge" stands for a short line made too large by fields: refused from within a batch.
        StreamSender.Totals totals = send("one\n\n" + big + "\ntwo\nhuge\nthree\n", publisher, warnings);
        assertEquals(List.of("line 3 refused: the event's JSON document would be larger than 8 MiB",
                "line 5 refused: the event's JSON document would be larger than 8 MiB"), warnings);
        assertEquals(2, totals.refused());
        assertEquals(5, totals.read());
        assertEquals(3, totals.delivered());
        assertEquals(List.of("one", "two", "three"), publisher.batches.stream().flatMap(List::stream).toList());
    }
}
