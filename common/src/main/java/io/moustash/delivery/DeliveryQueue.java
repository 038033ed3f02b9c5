package io.moustash.delivery;

import io.moustash.spool.Spool;
import io.moustash.spool.SpoolException;
import io.moustash.spool.SpoolMark;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a {@link ReliablePublisher} accepted and holds in memory: the bounded queue and the
 * batch in flight, and {@link #spill}, which moves them to the spool when they cannot be sent now.
 *
 * <p><b>Locking:</b> not thread-safe by itself. Every method is called with the publisher's lock
 * held, which guards all of its fields; callers are the threads that publish, the thread in the
 * {@link Drain}, and {@code close}. Futures are never completed here: {@link #spill} and
 * {@link #keepOrFail} add the completions to a list the caller runs after releasing the lock.
 */
final class DeliveryQueue {

    private final Spool spool;
    private final SpoolSync sync;
    private final Transport transport;
    private final int capacity;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int queuedDocuments;
    private List<Pending> inFlight;
    /** How many documents of the batch in flight a caller already spooled; -1 for none. */
    private int inFlightSpooled = -1;
    /** Where that copy went, so that exactly it is skipped if the send succeeds. */
    private SpoolMark inFlightCopy;
    /** The spool's last refusal, for the message of events that could be kept nowhere. */
    private SpoolException lastSpoolFailure;

    /** @param capacity documents the queue holds ({@code delivery_queue_size}); a lone publish always fits */
    DeliveryQueue(Spool spool, SpoolSync sync, Transport transport, int capacity) {
        this.spool = spool;
        this.sync = sync;
        this.transport = transport;
        this.capacity = capacity;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Whether {@code documents} more fit in the queue. */
    boolean fits(int documents) {
        return queue.isEmpty() || queuedDocuments + documents <= capacity;
    }

    void add(Pending pending) {
        queue.add(pending);
        queuedDocuments += pending.documents().size();
    }

    int documents() {
        return queuedDocuments;
    }

    /** Takes the oldest events, at most {@code max} documents (at least one event), and puts them in flight. */
    List<Pending> takeBatch(int max) {
        List<Pending> batch = new ArrayList<>();
        int documents = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || documents + queue.peek().documents().size() <= max)) {
            Pending p = queue.poll();
            batch.add(p);
            documents += p.documents().size();
        }
        queuedDocuments -= documents;
        fly(batch);
        return batch;
    }

    /**
     * The broker has room for only {@code documents} of the batch in flight: the events that fit
     * stay in flight, the rest go back to the head of the queue, in order. Returns what stays in
     * flight: empty when not even the first event fits, or when a caller spooled the batch
     * meanwhile (it is on disk already, so it goes nowhere else).
     */
    List<Pending> shortenInFlight(int documents) {
        if (inFlightSpooled >= 0) {
            return List.of();
        }
        int keep = 0;
        int fitting = 0;
        while (keep < inFlight.size() && fitting + inFlight.get(keep).documents().size() <= documents) {
            fitting += inFlight.get(keep).documents().size();
            keep++;
        }
        if (keep == 0) {
            return List.of();
        }
        for (int i = inFlight.size() - 1; i >= keep; i--) {
            queue.addFirst(inFlight.get(i));
            queuedDocuments += inFlight.get(i).documents().size();
        }
        inFlight = new ArrayList<>(inFlight.subList(0, keep));
        return inFlight;
    }

    /** {@code batch} is on its way to the broker, sent by whichever thread is in the drain. */
    private void fly(List<Pending> batch) {
        inFlight = batch;
        inFlightSpooled = -1;
        inFlightCopy = null;
    }

    boolean nothingQueuedOrInFlight() {
        return queue.isEmpty() && inFlight == null;
    }

    /** Whether a caller spooled the batch in flight while it was on its way. */
    boolean inFlightSpooled() {
        return inFlightSpooled >= 0;
    }

    /** The send of the batch in flight is over, whatever its outcome. */
    void landed() {
        inFlight = null;
        inFlightSpooled = -1;
        inFlightCopy = null;
    }

    /** The batch in flight, which a caller had spooled meanwhile, arrived: its copy in the spool is skipped. */
    void skipInFlightCopy() {
        spool.skipWritten(inFlightCopy, inFlightSpooled);
    }

    /**
     * Moves everything held in memory to the spool, as {@link #spill} does; if the spool refuses,
     * those events fail rather than wait in memory for a broker that is not taking them, their
     * failure naming both the broker's ({@code cause}, or none) and the spool's.
     */
    void keepOrFail(List<Runnable> completions, TransportException cause) {
        if (spill(null, completions, cause)) {
            return;
        }
        String broker = cause == null ? transport.describe() + " is not taking events now" : cause.getMessage();
        TransportException unkept = new TransportException(broker
                + (lastSpoolFailure == null ? "" : "; " + lastSpoolFailure.getMessage()), lastSpoolFailure);
        List<Pending> failing = new ArrayList<>();
        if (inFlight != null && inFlightSpooled < 0) {
            failing.addAll(inFlight);
        }
        failing.addAll(queue);
        for (Pending p : failing) {
            completions.add(() -> p.future().completeExceptionally(unkept));
        }
        queue.clear();
        queuedDocuments = 0;
    }

    SpoolException lastSpoolFailure() {
        return lastSpoolFailure;
    }

    /**
     * Moves the batch in flight (unless already spooled), the queue and {@code extra} to the spool, in
     * that order, with one fsync; their futures complete SPOOLED. On a spool failure only
     * {@code extra} fails (with {@code cause} when the broker failed too) and the rest stays where it
     * was. Completions are added to {@code completions}, to run after the lock is released.
     */
    boolean spill(Pending extra, List<Runnable> completions, TransportException cause) {
        List<Pending> moving = new ArrayList<>();
        int inFlightDocuments = 0;
        if (inFlight != null && inFlightSpooled < 0) {
            moving.addAll(inFlight);
            inFlightDocuments = Pending.count(inFlight);
        }
        moving.addAll(queue);
        if (extra != null) {
            moving.add(extra);
        }
        if (moving.isEmpty()) {
            return true;
        }
        SpoolMark mark;
        try {
            mark = spool.write(Pending.documentsOf(moving));
        } catch (SpoolException e) {
            // The spool says an outage of its disk once itself; a line per refused event would flood.
            lastSpoolFailure = e;
            if (extra != null) {
                String broker = cause == null ? transport.describe() + " is not taking events now" : cause.getMessage();
                completions.add(() -> extra.future().completeExceptionally(
                        new TransportException(broker + "; " + e.getMessage(), e)));
            }
            return false;
        }
        if (inFlightDocuments > 0) {
            inFlightSpooled = inFlightDocuments;
            inFlightCopy = mark;
        }
        queue.clear();
        queuedDocuments = 0;
        sync.add(moving);
        return true;
    }
}
