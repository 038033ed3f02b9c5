package io.moustash.panpan.stream;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventTooLargeException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code panpan --stdin}: one event per line, handed to the publisher in batches, like logger(1)
 * does for syslog.
 *
 * <p>A batch holds the lines that are already waiting, up to {@link #MAX_BATCH_EVENTS} events or
 * {@link #MAX_BATCH_CHARS} characters, and leaves as soon as no further line is at hand: a slow
 * producer gets one event per line at once, a fast one gets large batches (one RPUSH each). At most
 * {@link #MAX_IN_FLIGHT} batches of {@link #MAX_IN_FLIGHT_CHARS} characters in all wait for the
 * broker, so memory stays bounded when it is slow, whatever the lines hold: escaped, a character
 * takes up to six bytes of JSON. Empty lines carry nothing and are skipped.
 *
 * <p>A line longer than {@link #MAX_BATCHED_LINE} characters could make a document over
 * {@link EventEncoder#MAX_DOCUMENT_BYTES} once escaped. It goes alone, once every batch before it
 * has left, so that it never shares memory with them and a refusal concerns it alone: such a line
 * is refused with one warning naming it ({@code line 12 refused: ...}), counted in
 * {@link Totals#refused()}, and the stream goes on. These length checks are the only cost per line.
 *
 * <p>Runs on the caller's thread, which it blocks until the input ends and every event is delivered
 * or spooled. When the publisher cannot keep a batch, it stops reading and throws the broker's
 * failure with the count of lines kept.
 */
public final class StreamSender {
    static final int MAX_BATCH_EVENTS = 1000;
    static final long MAX_BATCH_CHARS = 1024 * 1024;
    static final int MAX_IN_FLIGHT = 8;
    static final long MAX_IN_FLIGHT_CHARS = 2 * MAX_BATCH_CHARS;
    /** The most bytes one character takes once escaped ({@code \u0001}). */
    private static final int MAX_ESCAPED_BYTES = 6;
    /** Longer lines go alone; 1 MiB of the document is left for the rest of the event. */
    static final int MAX_BATCHED_LINE = (EventEncoder.MAX_DOCUMENT_BYTES - 1024 * 1024) / MAX_ESCAPED_BYTES;

    private final LineReader lines;
    private final LineEvents events;
    private final Publisher publisher;
    private final Consumer<String> warnings;
    private final Deque<Batch> inFlight = new ArrayDeque<>();
    private long inFlightChars;
    private final Totals totals = new Totals();
    private final Runnable countNotJson;
    /** The line number of each event of the batch being gathered, for a refusal's warning. */
    private final long[] batchLines = new long[MAX_BATCH_EVENTS];

    /** Turns one line into its event; calls {@code notJson} when a {@code --json} line is no JSON object. */
    @FunctionalInterface
    public interface LineEvents {
        Event event(String line, Runnable notJson);
    }

    /** @param events turns one line into its event, plain text */
    public StreamSender(LineReader lines, Function<String, Event> events, Publisher publisher) {
        this(lines, (line, notJson) -> events.apply(line), publisher, warning -> { });
    }

    /**
     * @param events turns one line into its event (plain text or a JSON object)
     * @param warnings takes the one-line warning for each line refused as too large
     */
    public StreamSender(LineReader lines, LineEvents events, Publisher publisher, Consumer<String> warnings) {
        this.lines = lines;
        this.events = events;
        this.publisher = publisher;
        this.warnings = warnings;
        this.countNotJson = totals::countNotJson;
    }

    /** What happened to the lines read. */
    public static final class Totals {
        private long read;
        private long delivered;
        private long spooled;
        private long notJson;
        private long refused;

        public long read() {
            return read;
        }

        public long delivered() {
            return delivered;
        }

        public long spooled() {
            return spooled;
        }

        /** Lines that {@code --json} could not read, sent as plain text. */
        public long notJson() {
            return notJson;
        }

        /** Lines refused because their document would be longer than {@link EventEncoder#MAX_DOCUMENT_BYTES}. */
        public long refused() {
            return refused;
        }

        void countNotJson() {
            notJson++;
        }
    }

    /** @param firstLine the line number of its first event, for the warning when it is one event refused */
    private record Batch(long firstLine, int size, long chars, CompletableFuture<Delivery> delivery) {
    }

    /** Reads to the end of input and waits for every batch. */
    public Totals run() throws IOException {
        List<Event> batch = new ArrayList<>();
        long chars = 0;
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.length() > MAX_BATCHED_LINE) {
                if (!batch.isEmpty()) {
                    send(batch, chars);
                    batch = new ArrayList<>();
                    chars = 0;
                }
                totals.read++;
                sendAlone(events.event(line, countNotJson), number);
                continue;
            }
            if (!line.isEmpty()) {
                if (!batch.isEmpty() && chars + line.length() > MAX_BATCH_CHARS) {
                    send(batch, chars);
                    batch = new ArrayList<>();
                    chars = 0;
                }
                totals.read++;
                batchLines[batch.size()] = number;
                batch.add(events.event(line, countNotJson));
                chars += line.length();
            }
            if (!batch.isEmpty() && (batch.size() >= MAX_BATCH_EVENTS || chars >= MAX_BATCH_CHARS || !lines.hasLine())) {
                send(batch, chars);
                batch = new ArrayList<>();
                chars = 0;
            }
        }
        if (!batch.isEmpty()) {
            send(batch, chars);
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        return totals;
    }

    private void send(List<Event> batch, long chars) {
        CompletableFuture<Delivery> delivery;
        try {
            delivery = publisher.publishAll(batch);
        } catch (EventTooLargeException e) {
            // The publisher encodes a whole batch before sending any of it, so none of it left: one
            // at a time, then. Only fields of megabytes given on the command line get here.
            for (int i = 0; i < batch.size(); i++) {
                sendAlone(batch.get(i), batchLines[i]);
            }
            return;
        }
        inFlight.addLast(new Batch(batchLines[0], batch.size(), chars, delivery));
        inFlightChars += chars;
        while (inFlight.size() > MAX_IN_FLIGHT || inFlightChars > MAX_IN_FLIGHT_CHARS
                || inFlight.peekFirst().delivery().isDone()) {
            awaitOldest();
            if (inFlight.isEmpty()) {
                return;
            }
        }
    }

    /** Publishes one event once everything before it has left, and waits for it. */
    private void sendAlone(Event event, long number) {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        try {
            inFlight.addLast(new Batch(number, 1, 0, publisher.publishAll(List.of(event))));
        } catch (EventTooLargeException e) {
            refuse(number, e);
            return;
        }
        awaitOldest();
    }

    private void refuse(long number, EventTooLargeException e) {
        totals.refused++;
        warnings.accept("line " + number + " refused: " + e.getMessage());
    }

    private void awaitOldest() {
        Batch batch = inFlight.removeFirst();
        inFlightChars -= batch.chars();
        try {
            count(batch);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof EventTooLargeException tooLarge && batch.size() == 1) {
                // A publisher that reports it through the future (a direct one, for --transport stdout).
                refuse(batch.firstLine(), tooLarge);
                return;
            }
            throw failure(cause);
        }
    }

    /** Waits for {@code batch} and counts its lines as delivered or spooled; throws if it was kept nowhere. */
    private void count(Batch batch) {
        if (batch.delivery().join() == Delivery.SPOOLED) {
            totals.spooled += batch.size();
        } else {
            totals.delivered += batch.size();
        }
    }

    /** The broker's failure, with what became of the lines read so far. */
    private MoustashException failure(Throwable cause) {
        // Batches sent before the failing one may still complete; count them before saying what was kept.
        for (Batch batch : inFlight) {
            try {
                count(batch);
            } catch (CompletionException later) {
                // failed as well: not kept
            }
        }
        inFlight.clear();
        long kept = totals.delivered + totals.spooled;
        String what = cause instanceof MoustashException ? cause.getMessage() : "internal error: " + cause;
        String message = what + "; " + kept + " of " + totals.read + " lines read were kept, stopped reading stdin";
        int exitCode = cause instanceof MoustashException m ? m.exitCode() : ExitCode.SOFTWARE;
        return new MoustashException(exitCode, message, cause);
    }
}
