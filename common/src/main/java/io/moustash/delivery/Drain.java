package io.moustash.delivery;

import io.moustash.spool.Spool;
import io.moustash.spool.SpoolBatch;
import io.moustash.spool.SpoolException;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one step of delivery, run over and over: send the queue's next batch, or the spool's oldest,
 * or look for files dead processes left, as the {@link DeliveryState} says. The
 * {@value ReliablePublisher#THREAD_NAME} thread runs it in a loop; a caller of
 * {@code publishAndWait} whose event is the only one waiting runs it once on its own thread, which
 * saves two hand-offs per event. Whichever finds the drain free runs the same step, so there is
 * no second copy of what happens on success or failure.
 *
 * <p><b>Threads:</b> {@link #tryEnter} admits one thread at a time; everything this class holds of
 * its own (the backoff, the outage log, the congestion guard, the spool batch out, the scan time)
 * belongs to the thread inside, which talks to the transport without the publisher's lock. The
 * queue and the state are shared with the threads that publish: they are read and changed with
 * the publisher's lock held, and never across a send.
 */
final class Drain {
    /** What {@link #step} returns when the thread should stop: closing, and nothing left it may send. */
    static final long STOP = -1;
    /** How often an idle publisher looks for spool files that dead processes left. */
    static final long IDLE_SCAN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A spool that is not drained but hands nothing out (its batch out was dropped meanwhile) is asked again after this. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.LOGGER_NAME);

    private final ReentrantLock token = new ReentrantLock();
    private final Transport transport;
    private final Spool spool;
    private final DeliverySettings settings;
    private final LongSupplier clock;
    // Shared with the publishing threads, guarded by lock:
    private final ReentrantLock lock;
    private final DeliveryQueue queue;
    private final DeliveryState state;
    // Owned by the thread inside the drain:
    private final CongestionGuard guard;
    private final SpoolSender spooled;
    private final Backoff backoff;
    private final OutageLog outages;
    private long nextScanNanos;
    private String lastSpoolTrouble;

    /** @param guard the Redis congestion guard, or {@code null}; @param clock nanoseconds, as {@link System#nanoTime} */
    Drain(Transport transport, Spool spool, DeliverySettings settings, CongestionGuard guard, SpoolSender spooled,
            OutageLog outages, ReentrantLock lock, DeliveryQueue queue, DeliveryState state, LongSupplier clock) {
        this.transport = transport;
        this.spool = spool;
        this.settings = settings;
        this.guard = guard;
        this.spooled = spooled;
        this.outages = outages;
        this.lock = lock;
        this.queue = queue;
        this.state = state;
        this.clock = clock;
        this.backoff = new Backoff(settings.reconnectDelay(), settings.reconnectMaxDelay());
        this.nextScanNanos = clock.getAsLong() + IDLE_SCAN_NANOS;
    }

    /** Takes the drain if no other thread is in it; pair with {@link #exit}. Never waits. */
    boolean tryEnter() {
        return token.tryLock();
    }

    void exit() {
        token.unlock();
    }

    /**
     * One step; call inside the drain. Returns how long nothing is due (0: step again at once), or
     * {@link #STOP} when closing and nothing is left that may go now: what remains is on disk.
     *
     * @param closing intake is over: stop once the queue is sent and the spool drained or failing
     */
    long step(boolean closing) {
        long now = clock.getAsLong();
        DeliveryState.State current;
        List<Pending> batch = null;
        lock.lock();
        try {
            current = state.current();
            if (current == DeliveryState.State.SENDING) {
                if (!queue.isEmpty()) {
                    batch = queue.takeBatch(maxBatch());
                } else if (closing) {
                    return STOP;
                } else if (now - nextScanNanos < 0) {
                    return nextScanNanos - now;
                }
            } else if (closing && current != DeliveryState.State.CATCHING_UP) {
                // Everything accepted is on disk; the next run of any tool delivers it.
                return STOP;
            } else if (!state.attemptDue(now)) {
                return state.nanosToAttempt(now);
            }
        } finally {
            lock.unlock();
        }
        if (batch != null) {
            return deliverQueued(batch);
        }
        if (current == DeliveryState.State.SENDING) {
            background();
            return 0;
        }
        return deliverSpooled();
    }

    private int maxBatch() {
        return guard == null ? settings.batchSize() : (int) Math.min(settings.batchSize(), guard.threshold());
    }

    /** Sends the batch the queue put in flight. */
    private long deliverQueued(List<Pending> batch) {
        List<byte[]> documents = Pending.documentsOf(batch);
        try {
            if (guard != null) {
                int room = guard.room(documents.size());
                if (room < documents.size()) {
                    // What fits goes now, so the list fills up to the threshold; the rest waits its turn.
                    List<Pending> fitting = shorten(room);
                    if (fitting.isEmpty()) {
                        return congestedInFlight(batch);
                    }
                    batch = fitting;
                    documents = Pending.documentsOf(batch);
                }
            }
            transport.send(documents);
        } catch (RuntimeException unexpectedOrNot) {
            TransportException e = asTransportFailure(unexpectedOrNot);
            if (guard != null) {
                guard.forget();
            }
            List<Runnable> completions = new ArrayList<>();
            lock.lock();
            try {
                queue.keepOrFail(completions, e);
                queue.landed();
                failed(e, completions);
            } finally {
                lock.unlock();
            }
            completions.forEach(Runnable::run);
            return 0;
        }
        if (guard != null) {
            guard.pushed(documents.size());
        }
        outages.back();
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            if (queue.inFlightSpooled()) {
                // A caller spooled this batch while it was on its way: it arrived, so skip the copy.
                queue.skipInFlightCopy();
            } else {
                for (Pending p : batch) {
                    completions.add(() -> p.future().complete(Delivery.DELIVERED));
                }
            }
            queue.landed();
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
        return 0;
    }

    private List<Pending> shorten(int room) {
        lock.lock();
        try {
            return room == 0 ? List.of() : queue.shortenInFlight(room);
        } finally {
            lock.unlock();
        }
    }

    /** The list has no room for the batch in flight: it goes to the spool, or, if the spool refuses it, to the list anyway. */
    private long congestedInFlight(List<Pending> batch) {
        List<Runnable> completions = new ArrayList<>();
        boolean unkept;
        lock.lock();
        try {
            // A caller may have spooled the batch while it was on its way: then it is kept already,
            // and sending it too would deliver it twice.
            boolean onDisk = queue.inFlightSpooled();
            unkept = !queue.spill(null, completions, null) && !onDisk;
            queue.landed();
            congested(completions);
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
        if (unkept) {
            // Over the threshold is better than lost.
            try {
                transport.send(Pending.documentsOf(batch));
                batch.forEach(p -> p.future().complete(Delivery.DELIVERED));
            } catch (TransportException e) {
                batch.forEach(p -> p.future().completeExceptionally(e));
            }
        }
        return 0;
    }

    /** Idle: take over files dead processes left (new events then wait behind them), or report drops. */
    private void background() {
        nextScanNanos = clock.getAsLong() + IDLE_SCAN_NANOS;
        if (ReliablePublisher.claimOrphans(spooled, spool)) {
            List<Runnable> completions = new ArrayList<>();
            lock.lock();
            try {
                leaveSending(completions, null);
                state.backlog();
            } finally {
                lock.unlock();
            }
            completions.forEach(Runnable::run);
            return;
        }
        try {
            sendDropReport();
        } catch (RuntimeException e) {
            failed(asTransportFailure(e));
        }
    }

    /**
     * The report of what the cap dropped goes before the events that survived it; a drops file the
     * spool cannot read (another user's, in a shared directory) is said once and never holds up the
     * rest of the spool.
     */
    private void sendDropReport() {
        try {
            spooled.sendDropReport();
        } catch (SpoolException e) {
            spoolTrouble(e);
        }
    }

    private void spoolTrouble(SpoolException e) {
        if (!e.getMessage().equals(lastSpoolTrouble)) {
            lastSpoolTrouble = e.getMessage();
            LOG.warn("{}", e.getMessage());
        }
    }

    /**
     * A transport reports failure as a TransportException; anything else it throws (a client
     * library's surprise) is handled the same way, so the batch is kept, never left in flight.
     */
    private TransportException asTransportFailure(RuntimeException e) {
        return e instanceof TransportException t ? t
                : new TransportException(transport.describe() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }

    /** CATCHING_UP, or an attempt is due: the drop report, then the oldest spooled batch. */
    private long deliverSpooled() {
        SpoolBatch batch;
        try {
            sendDropReport();
            // Ask the list's room first, so that a batch that fits partly goes as far as it fits.
            int room = guard == null ? maxBatch() : guard.room(maxBatch());
            batch = room == 0 ? null : spooled.next(room);
            if (batch != null && batch.isEmpty()) {
                return drainedOr(RECHECK_NANOS);
            }
            if (batch == null) {
                List<Runnable> completions = new ArrayList<>();
                lock.lock();
                try {
                    congested(completions);
                } finally {
                    lock.unlock();
                }
                completions.forEach(Runnable::run);
                return 0;
            }
            spooled.send(batch);
        } catch (SpoolException e) {
            // The spool cannot be read now (an I/O error): said once, tried again in a while.
            spoolTrouble(e);
            return RECHECK_NANOS;
        } catch (RuntimeException e) {
            if (guard != null) {
                guard.forget();
            }
            failed(asTransportFailure(e));
            return 0;
        }
        lock.lock();
        try {
            state.spooledDelivered();
            backoff.reset();
        } finally {
            lock.unlock();
        }
        return 0;
    }

    /** The spool handed out nothing: back to SENDING once nothing it holds, claimed or own, is undelivered. */
    private long drainedOr(long wait) {
        lock.lock();
        try {
            if (spool.hasPending()) {
                return wait;
            }
            // Back only when a spooled batch went: an outage whose events the spool refused too
            // leaves nothing to drain, and the broker may still be away.
            boolean caughtUp = state.current() == DeliveryState.State.CATCHING_UP;
            if (state.drained() && caughtUp) {
                outages.back();
            }
            backoff.reset();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    private void failed(TransportException cause) {
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            failed(cause, completions);
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
    }

    /**
     * A send failed: the queue to the spool (the cause named if the spool refuses it too), the
     * state to unreachable, the outage logged. Call in the drain ({@link #tryEnter}) with the lock
     * held; run {@code completions} after releasing it.
     */
    void failed(TransportException cause, List<Runnable> completions) {
        leaveSending(completions, cause);
        state.sendFailed(clock.getAsLong(), backoff.nextNanos());
        outages.unreachable(cause);
    }

    /** Call with the lock held; run {@code completions} after releasing it. */
    private void congested(List<Runnable> completions) {
        leaveSending(completions, null);
        state.congested(clock.getAsLong(), settings.congestionInterval().toNanos());
        outages.congested(guard);
    }

    /**
     * Every state but SENDING keeps new events on disk, so the queue goes to the spool, behind what
     * it holds, as the state changes: nothing stays in memory waiting for a broker that is not
     * taking events. Call with the lock held; run {@code completions} after releasing it.
     */
    private void leaveSending(List<Runnable> completions, TransportException cause) {
        queue.keepOrFail(completions, cause);
    }
}
