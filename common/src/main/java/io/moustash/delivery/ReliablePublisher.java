package io.moustash.delivery;

import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.spool.Spool;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher every tool uses: intake into a bounded queue, one {@link Drain} that sends, a disk
 * spool for whatever cannot be sent now, and the lifecycle around them.
 *
 * <p><b>Path of an event:</b> in {@link DeliveryState.State#SENDING} (the broker takes events and
 * nothing is spooled) {@link #publish} queues the event and returns; the {@value #THREAD_NAME}
 * thread sends the queue in batches (one round trip each) and completes each future
 * {@link Delivery#DELIVERED}. In every other state, and when the queue is full, {@link #publish}
 * appends the event to the spool behind what it holds, and the {@code moustash-spool-sync} thread
 * completes it {@link Delivery#SPOOLED} after the next fsync, so a caller never waits for a
 * connection timeout.
 *
 * <p><b>One invariant:</b> events wait in memory only in SENDING. Every change to another state
 * moves the queue to the spool first, so an event accepted while the broker is failing is on disk
 * within one fsync, never held until the broker answers; an event the spool refuses too fails.
 *
 * <p><b>On the caller's thread:</b> {@link #publishAndWait} runs the drain's step itself when its
 * event is the only one waiting and no other thread is in the drain: the same step the delivery
 * thread runs, without the two hand-offs between threads that a caller who waits for each event
 * (Fouet, in lockstep with supervisord) would otherwise pay.
 *
 * <p><b>Order:</b> the spool is drained, oldest first, before new events go through the queue again,
 * so events of one thread arrive in the order they were published. Files that earlier or dead
 * processes left are claimed before intake opens (and whenever an idle scan finds more) and
 * delivered before this process's new events, which wait in the spool behind them.
 *
 * <p><b>Locking:</b> one lock guards intake (the queue, the state, the accepting flag) and the
 * {@link DeliveryThread}'s flags;
 * it is never held across a send or an fsync. Spool writes (page-cache writes, not forced) happen
 * under it, so that what is moved to the spool keeps its place ahead of later events.
 *
 * <p><b>At-least-once:</b> a batch whose send failed is sent again, so the broker may receive an
 * event twice (see docs/reliability.md); each event carries an id to drop duplicates by.
 */
public final class ReliablePublisher implements Publisher {
    static final String THREAD_NAME = DeliveryThread.NAME;
    /** The tool name of the events the publisher writes itself (the drop report). */
    static final String TOOL = "moustash";
    /**
     * The one logger of delivery, shared by its helper classes so that one level quiets or opens it
     * all ({@link io.moustash.cli.Logging#quietDelivery}); a constant, so naming it loads nothing.
     */
    public static final String LOGGER_NAME = "io.moustash.delivery.ReliablePublisher";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    /** What {@link #longestWait} allows for writing and forcing the spool, beyond the broker's timeouts. */
    private static final Duration SPOOL_MARGIN = Duration.ofSeconds(1);

    private final Transport transport;
    private final EventEncoder encoder;
    private final Spool spool;
    private final DeliverySettings settings;
    private final EventIds ids = new EventIds();
    private final OutageLog outages;
    private final Drain drain;

    private final ReentrantLock lock = new ReentrantLock();
    private final SpoolSync sync;
    // Guarded by lock:
    private final DeliveryQueue queue;
    private final DeliveryState state;
    private boolean accepting = true;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final DeliveryThread thread;
    /** Read once the thread and the sync are done, before the spool is let go. */
    private volatile boolean keptInSpool;

    /**
     * Claims what earlier runs left in the spool, then starts the delivery thread. The publisher owns
     * {@code transport} and {@code spool} and closes them; it installs no shutdown hook: the tool
     * that opened it closes it.
     *
     * @param guard the Redis congestion guard, or {@code null}
     */
    ReliablePublisher(Transport transport, EventEncoder encoder, Spool spool, DeliverySettings settings,
            CongestionGuard guard) {
        this.transport = transport;
        this.encoder = encoder;
        this.spool = spool;
        this.settings = settings;
        this.outages = new OutageLog(transport, spool.directory());
        SpoolSender spooled = new SpoolSender(transport, spool, guard, settings, outages, this::encode);
        this.sync = new SpoolSync(lock, spool, transport);
        this.queue = new DeliveryQueue(spool, sync, transport, settings.queueSize());
        // What earlier runs left goes before anything this process accepts: claim it before intake opens.
        this.state = new DeliveryState(claimOrphans(spooled, spool));
        this.drain = new Drain(transport, spool, settings, guard, spooled, outages, lock, queue, state, System::nanoTime);
        this.thread = new DeliveryThread(lock, drain, queue, () -> accepting = false);
        thread.start();
    }

    /**
     * Publishes {@code event}, whose send on this publisher's transport has just failed outside it
     * ({@link OneShotPublisher}'s first try), as if its own send of it had failed: the event goes to
     * the spool at once, behind what is there (the failure named if the spool refuses it too), the
     * publisher is unreachable until its backoff lets it try again. A broker that does not answer
     * is thus not waited for twice. When the delivery thread is in the drain, the event is simply
     * published: that thread sends it.
     */
    CompletableFuture<Delivery> publishAfterFailedSend(Event event, TransportException cause) {
        if (!drain.tryEnter()) {
            return publish(event);
        }
        Pending pending;
        List<Runnable> completions = new ArrayList<>();
        try {
            pending = new Pending(List.of(encode(event)), new CompletableFuture<>());
            lock.lock();
            try {
                if (accepting && !state.spoolsNewEvents() && queue.nothingQueuedOrInFlight()) {
                    queue.add(pending);
                    drain.failed(cause, completions);
                    thread.pokeLocked();
                } else {
                    accept(pending, completions);
                }
            } finally {
                lock.unlock();
            }
        } finally {
            drain.exit();
        }
        completions.forEach(Runnable::run);
        return pending.future();
    }

    /** Takes over files earlier or dead processes left; true when the spool now holds something to deliver. */
    static boolean claimOrphans(SpoolSender spooled, Spool spool) {
        try {
            spooled.claimOrphans();
            return spool.hasPending();
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
            return false;
        }
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
        return encoder.encode(ids.identified(event, settings));
    }

    /**
     * Runs the drain's step on this thread when the event is the only one waiting and the drain is
     * free (see the class comment), otherwise queues or spools it as {@link #publish} does; then
     * waits for its future.
     */
    @Override
    public Delivery publishAndWait(Event event, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Pending pending = new Pending(List.of(encode(event)), new CompletableFuture<>());
        boolean alone;
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            alone = accepting && !state.spoolsNewEvents() && queue.nothingQueuedOrInFlight();
            if (alone) {
                // No poke: this thread sends it, unless the drain is taken (then it pokes below).
                queue.add(pending);
            } else {
                accept(pending, completions);
            }
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
        if (alone) {
            stepHere();
        }
        return pending.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void stepHere() {
        if (!drain.tryEnter()) {
            thread.poke();
            return;
        }
        try {
            drain.step(false);
        } catch (RuntimeException e) {
            LOG.warn("delivery: {}", e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            drain.exit();
        }
        lock.lock();
        try {
            if (!queue.isEmpty() || state.spoolsNewEvents() || thread.closing()) {
                // Only then has the delivery thread work; waking it for nothing would cost a hand-off.
                thread.pokeLocked();
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
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            accept(new Pending(documents, future), completions);
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
        return future;
    }

    /** Queues or spools {@code pending}; call with the lock held, and run {@code completions} after releasing it. */
    private void accept(Pending pending, List<Runnable> completions) {
        if (!accepting) {
            pending.future().completeExceptionally(new TransportException(transport.describe() + ": the publisher is closed"));
        } else if (!state.spoolsNewEvents() && queue.fits(pending.documents().size())) {
            queue.add(pending);
            thread.pokeLocked();
        } else {
            if (!state.spoolsNewEvents()) {
                LOG.debug("delivery queue full ({} events): spooling until the broker catches up", queue.documents());
            }
            if (queue.spill(pending, completions, null) && !state.spoolsNewEvents()) {
                state.backlog();
                thread.pokeLocked();
            }
        }
    }

    /** Groups of one delivery batch ({@code delivery_batch_size}), so that each group is one round trip. */
    @Override
    public StreamIntake stream(String what, Consumer<String> warnings) {
        return new StreamIntake(this, settings.batchSize(), what, warnings);
    }

    /**
     * What the drain may be doing when the event arrives takes at most two round trips (a drop
     * report, or a congestion check, then a batch) before it fails and the queue is spooled, or
     * succeeds and the event's own batch takes a third; the spool's fsync is the margin.
     */
    @Override
    public Duration longestWait() {
        return transport.timeout().multipliedBy(3).plus(SPOOL_MARGIN);
    }

    @Override
    public boolean keptInSpool() {
        return keptInSpool;
    }

    @Override
    public Optional<String> outage() {
        return outages.current();
    }

    // ---------------------------------------------------------------- closing

    /**
     * Stops intake, lets the drain send the queue and drain the spool for up to
     * {@code delivery_close_timeout}, keeps on disk what is still in memory, closes the transport
     * (which ends a send still under way), waits for the spool's last fsync and lets go of the
     * spool. Returns within {@code delivery_close_timeout} plus about 7 s in the worst case (a
     * thread that does not end, an fsync that does not return). Safe to call twice; restores the
     * interrupt flag.
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
            thread.stopBy(System.nanoTime() + timeout);
        } finally {
            lock.unlock();
        }
        boolean interrupted = !thread.join(timeout + TimeUnit.MILLISECONDS.toNanos(200));
        boolean stuck = thread.isAlive();
        // Stuck in a send, or the thread ended without spilling: keep in-memory events on disk
        // (or fail them), then pull the transport from under a send still under way.
        thread.keepInMemoryOnDisk();
        if (stuck) {
            LOG.warn("{}: not all events delivered within delivery_close_timeout ({} s); the rest is in {}",
                    transport.describe(), Duration.ofNanos(timeout).toMillis() / 1000.0, spool.directory());
        }
        transport.close();
        interrupted |= !thread.join(TimeUnit.SECONDS.toNanos(2));
        interrupted |= !sync.stop();
        try {
            keptInSpool = spool.hasPending();
        } catch (RuntimeException e) {
            keptInSpool = true;
        }
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

    DeliveryState.State state() {
        lock.lock();
        try {
            return state.current();
        } finally {
            lock.unlock();
        }
    }
}
