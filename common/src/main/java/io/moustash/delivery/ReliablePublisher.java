package io.moustash.delivery;

import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.spool.Spool;
import io.moustash.spool.SpoolBatch;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher every tool uses: a bounded queue in front of the transport, one delivery thread,
 * and a disk spool for whatever cannot be sent now.
 *
 * <p><b>Path of an event:</b> while the broker takes events and nothing is spooled, {@link #publish}
 * queues the event and returns; the {@value #THREAD_NAME} thread sends the queue in batches (one
 * round trip each) and completes each future {@link Delivery#DELIVERED}. When the broker fails,
 * the batch in flight and the queue go to the spool, and from then on {@link #publish} appends to
 * the spool itself and completes {@link Delivery#SPOOLED} as soon as the record is on disk (an
 * fsync, well under a millisecond on an SSD), so a caller never waits for a connection timeout.
 * A full queue (a slow broker) also sends new events to the spool rather than blocking.
 *
 * <p><b>On the caller's thread:</b> {@link #publishAndWait} sends the event itself when the
 * delivery thread is idle with nothing queued, in flight or spooled, and the broker is up; the
 * delivery thread waits until it is done. Everything else is as above (the same batch handling,
 * the same spooling on failure), without the two hand-offs between threads that a caller who
 * waits for each event (Fouet, in lockstep with supervisord) would otherwise pay for each event.
 *
 * <p><b>Order:</b> the spool is drained, oldest first, before new events are sent again; so events
 * of one thread arrive in the order they were published. Files that earlier or dead processes left
 * in the spool directory are delivered in the background, in their own order.
 *
 * <p><b>Reconnecting</b> is owned here, not by the transport or its client library: after a failure
 * the thread retries with the oldest spooled batch after a capped exponential backoff with jitter.
 * It logs one line when the broker is lost and one when it is back, never one per attempt.
 *
 * <p><b>At-least-once:</b> a batch whose send failed is sent again, so the broker may receive an
 * event twice (see docs/reliability.md); each event carries an id to drop duplicates by.
 */
public final class ReliablePublisher implements Publisher {
    static final String THREAD_NAME = "moustash-delivery";
    /** The tool name of the events the publisher writes itself (the drop report). */
    static final String TOOL = "moustash";
    /** How often an idle publisher looks for spool files that dead processes left. */
    private static final long IDLE_SCAN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * The one logger of delivery, shared by its helper classes so that one level quiets or opens it
     * all ({@link io.moustash.cli.Logging#quietDelivery}); a constant, so naming it loads nothing.
     */
    public static final String LOGGER_NAME = "io.moustash.delivery.ReliablePublisher";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    enum State {
        /** The broker takes events and this process has nothing spooled: events go through the queue. */
        SENDING,
        /** The broker is back but this process's spool is not empty: new events are spooled behind it. */
        CATCHING_UP,
        /** The last send failed: new events are spooled, the oldest spooled batch is retried after a backoff. */
        UNREACHABLE,
        /** The Redis list is at redis_congestion_threshold: new events are spooled until logstash catches up. */
        CONGESTED
    }

    private final Transport transport;
    private final EventEncoder encoder;
    private final Spool spool;
    private final DeliverySettings settings;
    private final CongestionGuard guard;
    private final EventIds ids = new EventIds();

    /** Guards the fields below up to the delivery thread's, and those of {@link #queue} and {@link #sync}. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final SpoolSync sync;
    // Guarded by lock:
    private final DeliveryQueue queue;
    private State state = State.SENDING;
    private boolean accepting = true;
    /** The delivery thread waits in {@link #sendQueued} with nothing to do: a caller may send. */
    private boolean idle;
    /** A caller of {@link #publishAndWait} is using the transport; the delivery thread keeps off it. */
    private boolean directSending;
    private boolean closing;
    private long closeDeadline;

    // Owned by whichever thread drives delivery: the delivery thread, or a publishAndWait caller
    // while directSending keeps that thread off (the hand-over goes through the lock):
    private final Backoff backoff;
    private final OutageLog outages;
    private final SpoolSender spooled;
    private long nextAttemptNanos;
    private long nextScanNanos;
    private boolean backgroundWork;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;

    /**
     * Starts the delivery thread. The publisher owns {@code transport} and {@code spool} and closes them.
     *
     * @param guard the Redis congestion guard, or {@code null}
     */
    ReliablePublisher(Transport transport, EventEncoder encoder, Spool spool, DeliverySettings settings,
            CongestionGuard guard) {
        this.transport = transport;
        this.encoder = encoder;
        this.spool = spool;
        this.settings = settings;
        this.guard = guard;
        this.backoff = new Backoff(settings.reconnectDelay(), settings.reconnectMaxDelay());
        this.outages = new OutageLog(transport, spool.directory());
        this.spooled = new SpoolSender(transport, spool, guard, settings, outages, this::encode);
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        this.sync = new SpoolSync(lock, spool, transport);
        this.queue = new DeliveryQueue(spool, sync, transport, settings.queueSize());
        thread.start();
    }

    @Override
    public CompletableFuture<Delivery> publish(Event event) {
        return submit(List.of(encode(event)));
    }

    /** All of {@code events} are queued or spooled together, in order, with one fsync at most. */
    @Override
    public CompletableFuture<Delivery> publishAll(List<Event> events) {
        List<byte[]> documents = new ArrayList<>(events.size());
        for (Event event : events) {
            documents.add(encode(event));
        }
        return submit(documents);
    }

    private byte[] encode(Event event) {
        return encoder.encode(settings.eventIds() && event.id() == null ? event.withId(ids.next()) : event);
    }

    /**
     * Sends {@code event} on this thread when the publisher has nothing else to send (see the class
     * comment), otherwise queues it as {@link #publish} does; then waits for its future.
     */
    @Override
    public Delivery publishAndWait(Event event, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pending pending = new Pending(List.of(encode(event)), new CompletableFuture<>());
        List<Pending> batch = null;
        lock.lock();
        try {
            if (accepting && idle && !directSending && state == State.SENDING && queue.isEmpty()
                    && queue.nothingInFlight()) {
                directSending = true;
                batch = List.of(pending);
                queue.fly(batch);
            }
        } finally {
            lock.unlock();
        }
        if (batch == null) {
            submit(pending);
        } else {
            sendDirect(batch);
        }
        return pending.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void sendDirect(List<Pending> batch) {
        RuntimeException unexpected = null;
        try {
            deliverQueued(batch);
        } catch (RuntimeException e) {
            unexpected = e;
        }
        lock.lock();
        try {
            if (unexpected != null && queue.isInFlight(batch) && !queue.inFlightSpooled()) {
                // Not kept anywhere yet: the delivery thread takes it, as it would have.
                LOG.warn("delivery: {}", unexpected.getMessage() == null ? unexpected.toString() : unexpected.getMessage());
                queue.requeue(batch);
            }
            if (queue.isInFlight(batch)) {
                queue.landed();
            }
            directSending = false;
            if (!queue.isEmpty() || state != State.SENDING || closing) {
                // Only then has the delivery thread work; waking it for nothing would cost a hand-off.
                wake.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<Delivery> submit(List<byte[]> documents) {
        CompletableFuture<Delivery> future = new CompletableFuture<>();
        if (documents.isEmpty()) {
            future.complete(Delivery.DELIVERED);
            return future;
        }
        return submit(new Pending(documents, future));
    }

    private CompletableFuture<Delivery> submit(Pending pending) {
        CompletableFuture<Delivery> future = pending.future();
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            if (!accepting) {
                future.completeExceptionally(new TransportException(transport.describe() + ": the publisher is closed"));
            } else if (state == State.SENDING && queue.fits(pending.documents().size())) {
                queue.add(pending);
                wake.signalAll();
            } else {
                if (state == State.SENDING) {
                    LOG.debug("delivery queue full ({} events): spooling until the broker catches up", queue.documents());
                }
                if (queue.spill(pending, completions, null) && state == State.SENDING) {
                    state = State.CATCHING_UP;
                    wake.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
        return future;
    }

    // ---------------------------------------------------------------- the delivery thread

    private void run() {
        try {
            spooled.claimOrphans();
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        }
        boolean running = true;
        while (running) {
            try {
                running = step();
            } catch (RuntimeException e) {
                if (closed.get()) {
                    break;
                }
                LOG.warn("delivery: {}", e.getMessage() == null ? e.toString() : e.getMessage());
                pause(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        finish();
    }

    private boolean step() {
        State current;
        lock.lock();
        try {
            if (closing && System.nanoTime() - closeDeadline >= 0) {
                return false;
            }
            current = state;
        } finally {
            lock.unlock();
        }
        return switch (current) {
            case SENDING -> sendQueued();
            case CATCHING_UP -> catchUp();
            case UNREACHABLE, CONGESTED -> retry(current);
        };
    }

    private boolean sendQueued() {
        List<Pending> batch = null;
        lock.lock();
        try {
            // A state change (a direct send that failed, a spill) wakes this thread too: it must not
            // go back to sleep until the next idle scan while a retry or a catch-up is due.
            while (directSending || state == State.SENDING
                    && queue.isEmpty() && !closing && !backgroundWork && System.nanoTime() - nextScanNanos < 0) {
                idle = true;
                await(Math.max(nextScanNanos - System.nanoTime(), directSending ? IDLE_SCAN_NANOS : 0));
            }
            idle = false;
            if (state != State.SENDING) {
                return true;
            }
            if (!queue.isEmpty()) {
                batch = queue.takeBatch(maxBatch());
            } else if (closing && !spool.hasPending()) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        if (batch == null) {
            background();
        } else {
            deliverQueued(batch);
        }
        return true;
    }

    private int maxBatch() {
        return guard == null ? settings.batchSize() : (int) Math.min(settings.batchSize(), guard.threshold());
    }

    /** Sends the batch in flight; run by the delivery thread or by a caller of {@link #publishAndWait}. */
    private void deliverQueued(List<Pending> batch) {
        List<byte[]> documents = Pending.documentsOf(batch);
        boolean congested = false;
        try {
            if (guard != null && guard.room(documents.size()) < documents.size()) {
                congested = true;
            } else {
                transport.send(documents);
                if (guard != null) {
                    guard.pushed(documents.size());
                }
            }
        } catch (TransportException e) {
            if (guard != null) {
                guard.forget();
            }
            List<Runnable> completions = new ArrayList<>();
            lock.lock();
            try {
                if (!queue.inFlightSpooled() && !queue.spill(null, completions, e)) {
                    // Kept nowhere: the caller's one line names both the broker's and the spool's failure.
                    TransportException unkept = new TransportException(e.getMessage() + "; "
                            + queue.lastSpoolFailure().getMessage(), queue.lastSpoolFailure());
                    for (Pending p : batch) {
                        completions.add(() -> p.future().completeExceptionally(unkept));
                    }
                }
                queue.landed();
                becomeUnreachable(e);
            } finally {
                lock.unlock();
            }
            completions.forEach(Runnable::run);
            return;
        }
        List<Runnable> completions = new ArrayList<>();
        boolean unkept = false;
        lock.lock();
        try {
            if (congested) {
                unkept = !queue.inFlightSpooled() && !queue.spill(null, completions, null);
                becomeCongested();
            } else if (queue.inFlightSpooled()) {
                // A caller spooled this batch while it was on its way: it arrived, so skip the copy.
                spool.skipOwn(documents.size());
            } else {
                for (Pending p : batch) {
                    completions.add(() -> p.future().complete(Delivery.DELIVERED));
                }
            }
            queue.landed();
        } finally {
            lock.unlock();
        }
        if (unkept) {
            // The spool cannot take them: over the threshold is better than lost.
            sendAnyway(batch);
        }
        completions.forEach(Runnable::run);
    }

    private void sendAnyway(List<Pending> batch) {
        try {
            transport.send(Pending.documentsOf(batch));
            batch.forEach(p -> p.future().complete(Delivery.DELIVERED));
        } catch (TransportException e) {
            batch.forEach(p -> p.future().completeExceptionally(e));
        }
    }

    /** Idle: take over files dead processes left, report drops, and deliver them between queued events. */
    private void background() {
        nextScanNanos = System.nanoTime() + IDLE_SCAN_NANOS;
        spooled.claimOrphans();
        if (!sendDropReport()) {
            return;
        }
        SpoolBatch batch = spooled.next(maxBatch());
        if (!batch.isEmpty()) {
            sendSpooled(batch);
        }
        backgroundWork = spool.hasPending();
    }

    private boolean catchUp() {
        SpoolBatch batch = nextSpooled();
        if (batch != null) {
            sendSpooled(batch);
        }
        // When closing, the next step (sendQueued) stops once nothing is left to send.
        return true;
    }

    /**
     * The oldest spooled batch that may go now, or {@code null} when none may: a pending drop
     * report could not go first, the spool is drained ({@link #sendingIfDrained}), or the Redis list
     * has no room ({@link #roomFor}, which changes the state).
     */
    private SpoolBatch nextSpooled() {
        if (!sendDropReport()) {
            return null;
        }
        SpoolBatch batch = spooled.next(maxBatch());
        if (batch.isEmpty()) {
            sendingIfDrained();
            return null;
        }
        if (guard != null && roomFor(batch) < 0) {
            return null;
        }
        return batch;
    }

    /**
     * The spool handed out nothing: back to SENDING once none of this process's records is left,
     * with the files other processes left (claimed, or found since) as background work.
     */
    private void sendingIfDrained() {
        lock.lock();
        try {
            if (!spool.hasOwnPending()) {
                state = State.SENDING;
                backgroundWork = spool.hasPending();
                reportBack();
            }
        } finally {
            lock.unlock();
        }
    }

    /** UNREACHABLE or CONGESTED: wait for the next attempt, then try the oldest spooled batch. */
    private boolean retry(State current) {
        lock.lock();
        try {
            while (!closing && System.nanoTime() - nextAttemptNanos < 0) {
                await(nextAttemptNanos - System.nanoTime());
            }
            if (closing) {
                // Everything accepted is on disk; the next run delivers it.
                return false;
            }
        } finally {
            lock.unlock();
        }
        SpoolBatch batch = nextSpooled();
        if (batch == null) {
            return true;
        }
        if (sendSpooled(batch)) {
            lock.lock();
            try {
                state = State.CATCHING_UP;
                backoff.reset();
            } finally {
                lock.unlock();
            }
        } else if (current == State.CONGESTED) {
            lock.lock();
            try {
                state = State.UNREACHABLE;
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** Asks the congestion guard; -1 (and the state changed) when the batch may not go now. */
    private int roomFor(SpoolBatch batch) {
        try {
            int room = guard.room(batch.size());
            if (room < batch.size()) {
                lock.lock();
                try {
                    becomeCongested();
                } finally {
                    lock.unlock();
                }
                return -1;
            }
            return room;
        } catch (TransportException e) {
            guard.forget();
            unreachable(e);
            return -1;
        }
    }

    private boolean sendSpooled(SpoolBatch batch) {
        try {
            spooled.send(batch);
            return true;
        } catch (TransportException e) {
            unreachable(e);
            return false;
        }
    }

    private boolean sendDropReport() {
        try {
            spooled.sendDropReport();
            return true;
        } catch (TransportException e) {
            unreachable(e);
            return false;
        }
    }

    private void unreachable(TransportException cause) {
        lock.lock();
        try {
            becomeUnreachable(cause);
        } finally {
            lock.unlock();
        }
    }

    /** Call with the lock held. */
    private void becomeUnreachable(TransportException cause) {
        state = State.UNREACHABLE;
        nextAttemptNanos = System.nanoTime() + backoff.nextNanos();
        outages.unreachable(cause);
    }

    /** Call with the lock held. */
    private void becomeCongested() {
        state = State.CONGESTED;
        nextAttemptNanos = System.nanoTime() + settings.congestionInterval().toNanos();
        outages.congested(guard);
    }

    private void reportBack() {
        outages.back();
        backoff.reset();
    }

    /** The thread stops: whatever is still in memory goes to disk. */
    private void finish() {
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            queue.spill(null, completions, null);
            spooled.keepOrphaned();
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
    }

    private void await(long nanos) {
        try {
            wake.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // Someone wants this thread to stop: do as close() does, with no time left.
            closing = true;
            accepting = false;
            closeDeadline = System.nanoTime();
        }
    }

    private void pause(long nanos) {
        lock.lock();
        try {
            if (!closing) {
                await(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> outage() {
        return outages.current();
    }

    // ---------------------------------------------------------------- closing

    /**
     * Stops intake, waits up to {@code delivery_close_timeout} for queued events to reach the broker
     * (spooling what did not), closes the transport and lets go of the spool. Safe to call twice and
     * from a shutdown hook (the tool's {@link io.moustash.cli.Shutdown}; the publisher installs none).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long timeout = settings.closeTimeout().toNanos();
        lock.lock();
        try {
            accepting = false;
            closing = true;
            closeDeadline = System.nanoTime() + timeout;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = !join(thread, timeout + TimeUnit.MILLISECONDS.toNanos(200));
        if (thread.isAlive()) {
            // Stuck in a send: keep in-memory events on disk, then pull the transport from under it.
            List<Runnable> completions = new ArrayList<>();
            lock.lock();
            try {
                queue.spill(null, completions, null);
            } finally {
                lock.unlock();
            }
            completions.forEach(Runnable::run);
            LOG.warn("{}: not all events delivered within delivery_close_timeout ({} s); the rest is in {}",
                    transport.describe(), Duration.ofNanos(timeout).toMillis() / 1000.0, spool.directory());
        }
        transport.close();
        interrupted |= !join(thread, TimeUnit.SECONDS.toNanos(2));
        interrupted |= !sync.stop();
        spool.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for one of the publisher's threads; false when interrupted. */
    static boolean join(Thread thread, long nanos) {
        if (Thread.currentThread() == thread) {
            return true;
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }
}
