package io.moustash.delivery;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventTooLargeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Intake for a producer that has many events at hand and may wait for the broker
 * ({@code panpan --stdin}): it hands them to its {@link Publisher} in groups of one delivery batch
 * ({@code delivery_batch_size}), and when the broker is slower than the producer it makes the
 * producer wait for the oldest group rather than spool ahead of it. The producer hands over events
 * and nothing else; how they are grouped, how many wait and when one goes alone is decided here.
 *
 * <p>A group holds the events at hand, up to one batch or {@link #MAX_GROUP_CHARS} characters of
 * text, and leaves as soon as the producer says nothing more is at hand ({@link #flush}): a slow
 * producer gets one event per round trip at once, a fast one full batches. At most
 * {@link #MAX_WAITING} groups of {@link #MAX_WAITING_CHARS} characters in all wait for the broker,
 * so memory stays bounded whatever the text holds (escaped, a character takes up to six bytes of
 * JSON). An event whose text could make a document over {@link EventEncoder#MAX_DOCUMENT_BYTES}
 * ({@link #MAX_GROUPED_CHARS}) goes alone, once everything before it has left, so that it never
 * shares memory with other events and a refusal concerns it alone: it is said in one line and
 * counted ({@link Totals#refused}), and the stream goes on.
 *
 * <p><b>Threads:</b> one producer thread; not thread-safe. <b>Blocking:</b> {@link #add},
 * {@link #flush} and {@link #finish} wait for the oldest group when too much waits, each wait
 * bounded as the publisher's futures are. <b>Failure:</b> when the publisher could keep a group
 * nowhere, {@link Failed} is thrown with how many events were kept; nothing more is accepted.
 */
public final class StreamIntake {
    public static final long MAX_GROUP_CHARS = 1024 * 1024;
    public static final int MAX_WAITING = 8;
    public static final long MAX_WAITING_CHARS = 2 * MAX_GROUP_CHARS;
    /** The most bytes one character takes once escaped ({@code \u0001}). */
    private static final int MAX_ESCAPED_BYTES = 6;
    /** Longer texts go alone; 1 MiB of the document is left for the rest of the event. */
    public static final int MAX_GROUPED_CHARS = (EventEncoder.MAX_DOCUMENT_BYTES - 1024 * 1024) / MAX_ESCAPED_BYTES;

    private final Publisher publisher;
    private final int groupSize;
    private final String what;
    private final Consumer<String> warnings;
    private final Deque<Group> waiting = new ArrayDeque<>();
    private long waitingChars;
    private List<Event> gathering = new ArrayList<>();
    private long gatheringChars;
    /** The number of each event being gathered, for a refusal's warning. */
    private final long[] numbers;
    private final Totals totals = new Totals();

    /**
     * @param groupSize events per group: the publisher's {@code delivery_batch_size}
     * @param what what the numbers given to {@link #add} count, for warnings ({@code "line"})
     * @param warnings takes the one-line warning for each event refused as too large
     */
    StreamIntake(Publisher publisher, int groupSize, String what, Consumer<String> warnings) {
        this.publisher = publisher;
        this.groupSize = groupSize;
        this.what = what;
        this.warnings = warnings;
        this.numbers = new long[groupSize];
    }

    /** What became of the events handed over. */
    public static final class Totals {
        private long delivered;
        private long spooled;
        private long refused;

        public long delivered() {
            return delivered;
        }

        public long spooled() {
            return spooled;
        }

        /** Events refused because their document would be longer than {@link EventEncoder#MAX_DOCUMENT_BYTES}. */
        public long refused() {
            return refused;
        }
    }

    /** The publisher could keep a group nowhere; {@link #kept} events were delivered or spooled before. */
    public static final class Failed extends MoustashException {
        private final long kept;

        Failed(int exitCode, String message, Throwable cause, long kept) {
            super(exitCode, message, cause);
            this.kept = kept;
        }

        public long kept() {
            return kept;
        }
    }

    /** @param firstNumber the number of its first event, for the warning when it is one event refused */
    private record Group(long firstNumber, int size, long chars, CompletableFuture<Delivery> delivery) {
    }

    /**
     * Takes one event.
     *
     * @param chars the length of its text, which its memory and its document grow with
     * @param number its place in the input (a line number), named if it is refused
     */
    public void add(Event event, int chars, long number) {
        if (chars > MAX_GROUPED_CHARS) {
            flush();
            alone(event, number);
            return;
        }
        if (!gathering.isEmpty() && gatheringChars + chars > MAX_GROUP_CHARS) {
            flush();
        }
        numbers[gathering.size()] = number;
        gathering.add(event);
        gatheringChars += chars;
        if (gathering.size() >= groupSize || gatheringChars >= MAX_GROUP_CHARS) {
            flush();
        }
    }

    /** Nothing more is at hand for now: what is gathered leaves. */
    public void flush() {
        if (gathering.isEmpty()) {
            return;
        }
        List<Event> group = gathering;
        long chars = gatheringChars;
        gathering = new ArrayList<>();
        gatheringChars = 0;
        CompletableFuture<Delivery> delivery;
        try {
            delivery = publisher.publishAll(group);
        } catch (EventTooLargeException e) {
            // The publisher encodes a whole group before sending any of it, so none of it left: one
            // at a time, then. Only fields of megabytes given on the command line get here.
            for (int i = 0; i < group.size(); i++) {
                alone(group.get(i), numbers[i]);
            }
            return;
        }
        waiting.addLast(new Group(numbers[0], group.size(), chars, delivery));
        waitingChars += chars;
        while (waiting.size() > MAX_WAITING || waitingChars > MAX_WAITING_CHARS || waiting.peekFirst().delivery().isDone()) {
            awaitOldest();
            if (waiting.isEmpty()) {
                return;
            }
        }
    }

    /** Sends what is gathered and waits for every group. */
    public Totals finish() {
        flush();
        while (!waiting.isEmpty()) {
            awaitOldest();
        }
        return totals;
    }

    /** Publishes one event once everything before it has left, and waits for it. */
    private void alone(Event event, long number) {
        while (!waiting.isEmpty()) {
            awaitOldest();
        }
        try {
            waiting.addLast(new Group(number, 1, 0, publisher.publishAll(List.of(event))));
        } catch (EventTooLargeException e) {
            refuse(number, e);
            return;
        }
        awaitOldest();
    }

    private void refuse(long number, EventTooLargeException e) {
        totals.refused++;
        warnings.accept(what + " " + number + " refused: " + e.getMessage());
    }

    private void awaitOldest() {
        Group group = waiting.removeFirst();
        waitingChars -= group.chars();
        try {
            count(group);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof EventTooLargeException tooLarge && group.size() == 1) {
                // A publisher that reports it through the future (a direct one, for --transport stdout).
                refuse(group.firstNumber(), tooLarge);
                return;
            }
            throw failure(cause);
        }
    }

    private void count(Group group) {
        if (group.delivery().join() == Delivery.SPOOLED) {
            totals.spooled += group.size();
        } else {
            totals.delivered += group.size();
        }
    }

    /** The broker's failure, once the groups before it are counted. */
    private Failed failure(Throwable cause) {
        for (Group group : waiting) {
            try {
                count(group);
            } catch (CompletionException later) {
                // failed as well: not kept
            }
        }
        waiting.clear();
        gathering.clear();
        String message = cause instanceof MoustashException ? cause.getMessage() : "internal error: " + cause;
        int exitCode = cause instanceof MoustashException m ? m.exitCode() : ExitCode.SOFTWARE;
        return new Failed(exitCode, message, cause, totals.delivered + totals.spooled);
    }
}
