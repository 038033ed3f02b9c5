package io.moustash.delivery;

import io.moustash.spool.Spool;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the events a {@link ReliablePublisher} wrote to the spool: the {@value #THREAD_NAME}
 * thread forces what was written ({@link Spool#sync}) and only then completes their futures
 * {@link Delivery#SPOOLED}. One fsync covers every event written meanwhile, so a burst while the
 * broker is down costs a few fsyncs, and a lone Fouet event waits for just one.
 *
 * <p><b>Locking:</b> shares the publisher's lock, which guards the list of written-but-unsynced
 * events and the stop flag. {@link #add} is called with that lock held, by whichever thread wrote the
 * events to the spool (a caller of {@code publish}, the delivery thread, or {@code close}); {@link #stop}
 * takes it. The fsync and the completions run on this class's thread without the lock, so writers
 * go on meanwhile.
 */
final class SpoolSync {
    static final String THREAD_NAME = "moustash-spool-sync";

    private final ReentrantLock lock;
    private final Condition synced;
    private final Spool spool;
    private final Transport transport;
    // Guarded by lock:
    /** Written to the spool, waiting for the fsync that makes them SPOOLED. */
    private final List<Pending> unsynced = new ArrayList<>();
    private boolean stopped;
    /** Started by the first {@link #add}: a run that never spools (most one-shots) never starts it. */
    private Thread thread;

    /** {@code transport} only names the broker in failures. */
    SpoolSync(ReentrantLock lock, Spool spool, Transport transport) {
        this.lock = lock;
        this.synced = lock.newCondition();
        this.spool = spool;
        this.transport = transport;
    }

    /** {@code written} are in the spool, not yet forced: complete them after the next fsync. Call with the lock held. */
    void add(List<Pending> written) {
        unsynced.addAll(written);
        if (thread == null) {
            thread = new Thread(this::run, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
        synced.signalAll();
    }

    /** Syncs what is left, then ends the thread; waits up to 5 s for it. False when interrupted meanwhile. */
    boolean stop() {
        Thread started;
        lock.lock();
        try {
            stopped = true;
            started = thread;
            synced.signalAll();
        } finally {
            lock.unlock();
        }
        return started == null || ReliablePublisher.join(started, TimeUnit.SECONDS.toNanos(5));
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (unsynced.isEmpty() && !stopped) {
                    synced.awaitUninterruptibly();
                }
                if (unsynced.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(unsynced);
                unsynced.clear();
            } finally {
                lock.unlock();
            }
            try {
                spool.sync();
                batch.forEach(p -> p.future().complete(Delivery.SPOOLED));
            } catch (RuntimeException e) {
                // Said once per outage by the spool; each caller gets the failure on its future.
                TransportException failure = new TransportException(transport.describe()
                        + " is not taking events now; " + e.getMessage(), e);
                batch.forEach(p -> p.future().completeExceptionally(failure));
            }
        }
    }
}
