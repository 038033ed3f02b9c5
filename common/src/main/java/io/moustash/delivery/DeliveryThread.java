package io.moustash.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value #NAME} thread: runs the {@link Drain}'s step over and over, sleeping while nothing is
 * due, until it is stopped; then keeps on disk what is still in memory.
 *
 * <p><b>Threads:</b> shares the publisher's lock, which guards its flags (poked, closing, the close
 * deadline). Intake {@link #pokeLocked pokes} it, with the lock held, whenever there is new work;
 * the publisher {@link #stopBy stops} it when closing. The thread sleeps on the lock's condition,
 * never while holding the drain, and never past a poke: a poke that comes while it steps keeps it
 * from sleeping afterwards.
 */
final class DeliveryThread {
    static final String NAME = "moustash-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.LOGGER_NAME);
    /** After an unexpected failure of a step, the thread waits this long before the next. */
    private static final long AFTER_ERROR_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ReentrantLock lock;
    private final Condition wake;
    private final Drain drain;
    private final DeliveryQueue queue;
    private final Runnable stopIntake;
    // Guarded by lock:
    /** Something changed since the thread last looked: it must not go to sleep. */
    private boolean poked;
    private boolean closing;
    private long closeDeadline;
    private final Thread thread;

    /** @param stopIntake called with the lock held when the thread is interrupted: no new events */
    DeliveryThread(ReentrantLock lock, Drain drain, DeliveryQueue queue, Runnable stopIntake) {
        this.lock = lock;
        this.wake = lock.newCondition();
        this.drain = drain;
        this.queue = queue;
        this.stopIntake = stopIntake;
        this.thread = new Thread(this::run, NAME);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** There is new work. Call with the lock held. */
    void pokeLocked() {
        poked = true;
        wake.signalAll();
    }

    void poke() {
        lock.lock();
        try {
            pokeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Whether it was told to stop. Call with the lock held. */
    boolean closing() {
        return closing;
    }

    /** Stop once nothing may go now, and at {@code deadline} (nanoTime) whatever is left. Call with the lock held. */
    void stopBy(long deadline) {
        closing = true;
        closeDeadline = deadline;
        pokeLocked();
    }

    /** Waits for the thread to end; false when the caller was interrupted meanwhile. */
    boolean join(long nanos) {
        return ReliablePublisher.join(thread, nanos);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            loop();
        } finally {
            keepInMemoryOnDisk();
        }
    }

    private void loop() {
        while (true) {
            boolean stopping;
            lock.lock();
            try {
                poked = false;
                stopping = closing;
                if (closing && System.nanoTime() - closeDeadline >= 0) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            long wait;
            if (drain.tryEnter()) {
                try {
                    wait = drain.step(stopping);
                } catch (RuntimeException e) {
                    LOG.warn("delivery: {}", e.getMessage() == null ? e.toString() : e.getMessage());
                    wait = AFTER_ERROR_NANOS;
                } finally {
                    drain.exit();
                }
            } else {
                // A caller is in the drain; it pokes when it leaves work behind.
                wait = Drain.IDLE_SCAN_NANOS;
            }
            if (wait == Drain.STOP) {
                return;
            }
            if (wait > 0) {
                sleep(wait);
            }
        }
    }

    private void sleep(long nanos) {
        lock.lock();
        try {
            if (!poked) {
                wake.awaitNanos(closing ? Math.min(nanos, closeDeadline - System.nanoTime()) : nanos);
            }
        } catch (InterruptedException e) {
            // Someone wants this thread to stop: as close() does, with no time left.
            stopIntake.run();
            closing = true;
            closeDeadline = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whatever is still in memory goes to disk, or fails if the disk refuses it: as the thread
     * stops, and again by close once it gave up waiting for it. Idempotent.
     */
    void keepInMemoryOnDisk() {
        List<Runnable> completions = new ArrayList<>();
        lock.lock();
        try {
            queue.keepOrFail(completions, null);
        } catch (RuntimeException e) {
            LOG.warn("{}", e.getMessage());
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
    }
}
