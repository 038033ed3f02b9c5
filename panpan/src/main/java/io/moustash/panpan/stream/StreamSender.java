package io.moustash.panpan.stream;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * {@code panpan --stdin}: one event per line, handed to the publisher in batches, like logger(1)
 * does for syslog.
 *
 * <p>A batch holds the lines that are already waiting, up to {@link #MAX_BATCH_EVENTS} events or
 * {@link #MAX_BATCH_CHARS} characters, and leaves as soon as no further line is at hand: a slow
 * producer gets one event per line at once, a fast one gets large batches (one RPUSH each). At most
 * {@link #MAX_IN_FLIGHT} batches wait for the broker, so memory stays bounded when it is slow.
 * Empty lines carry nothing and are skipped.
 *
 * <p>Runs on the caller's thread, which it blocks until the input ends and every event is delivered
 * or spooled. When the publisher cannot keep a batch, it stops reading and throws the broker's
 * failure with the count of lines kept.
 */
public final class StreamSender {
    static final int MAX_BATCH_EVENTS = 1000;
    static final long MAX_BATCH_CHARS = 4L * 1024 * 1024;
    static final int MAX_IN_FLIGHT = 8;

    private final LineReader lines;
    private final LineEvents events;
    private final Publisher publisher;
    private final Deque<Batch> inFlight = new ArrayDeque<>();
    private final Totals totals = new Totals();
    private final Runnable countNotJson;

    /** Turns one line into its event; calls {@code notJson} when a {@code --json} line is no JSON object. */
    @FunctionalInterface
    public interface LineEvents {
        Event event(String line, Runnable notJson);
    }

    /** @param events turns one line into its event, plain text */
    public StreamSender(LineReader lines, Function<String, Event> events, Publisher publisher) {
        this(lines, (line, notJson) -> events.apply(line), publisher);
    }

    /** @param events turns one line into its event (plain text or a JSON object) */
    public StreamSender(LineReader lines, LineEvents events, Publisher publisher) {
        this.lines = lines;
        this.events = events;
        this.publisher = publisher;
        this.countNotJson = totals::countNotJson;
    }

    /** What happened to the lines read. */
    public static final class Totals {
        private long read;
        private long delivered;
        private long spooled;
        private long notJson;

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

        void countNotJson() {
            notJson++;
        }
    }

    private record Batch(int size, CompletableFuture<Delivery> delivery) {
    }

    /** Reads to the end of input and waits for every batch. */
    public Totals run() throws IOException {
        List<Event> batch = new ArrayList<>();
        long chars = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isEmpty()) {
                totals.read++;
                batch.add(events.event(line, countNotJson));
                chars += line.length();
            }
            if (!batch.isEmpty() && (batch.size() >= MAX_BATCH_EVENTS || chars >= MAX_BATCH_CHARS || !lines.hasLine())) {
                send(batch);
                batch = new ArrayList<>();
                chars = 0;
            }
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        return totals;
    }

    private void send(List<Event> batch) {
        inFlight.addLast(new Batch(batch.size(), publisher.publishAll(batch)));
        while (inFlight.size() > MAX_IN_FLIGHT || inFlight.peekFirst().delivery().isDone()) {
            awaitOldest();
            if (inFlight.isEmpty()) {
                return;
            }
        }
    }

    private void awaitOldest() {
        try {
            count(inFlight.removeFirst());
        } catch (CompletionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
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
