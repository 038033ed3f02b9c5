package io.moustash.cuir.report;

import io.moustash.common.Durations;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands events to the publisher in batches, on its own thread, so that probing never waits for the
 * broker: {@link #offer} only queues. The thread takes up to {@code maxBatch} events (waiting at most
 * {@code linger} after the first for more), publishes them with one {@link Publisher#publishAll},
 * and waits for that batch before the next, so events leave in order.
 *
 * <p>The queue is bounded: if the publisher cannot keep up for long (a broker publisher spools, so
 * only a publisher that neither delivers nor spools gets here), the oldest events are dropped and
 * counted, rather than let a daemon grow without limit. Drops are reported on stderr with their
 * running count (the first, then every thousandth); a streak of failed batches is reported when it
 * starts and when publishing works again.
 *
 * <p>Thread-safe. {@link #close} publishes what is queued, within a bound, and is safe to call twice.
 */
public final class EventBatcher implements AutoCloseable {
    private final Publisher publisher;
    private final int maxBatch;
    private final Duration linger;
    private final Duration publishWait;
    private final Consumer<String> warnings;
    private final BlockingQueue<Event> queue;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean stopping;
    private boolean failing;

    public EventBatcher(Publisher publisher, int maxBatch, Duration linger, int capacity, Duration publishWait,
            Consumer<String> warnings) {
        this.publisher = publisher;
        this.maxBatch = maxBatch;
        this.linger = linger;
        this.publishWait = publishWait;
        this.warnings = warnings;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "cuir-publish");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code event}; never blocks. When the queue is full the oldest event gives way. */
    public void offer(Event event) {
        while (!queue.offer(event)) {
            if (queue.poll() != null && dropped.incrementAndGet() % 1000 == 1) {
                warnings.accept("cuir: publishing cannot keep up; dropped " + dropped.get()
                        + " oldest events so far");
            }
        }
    }

    private void run() {
        List<Event> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                Event first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + linger.toNanos();
                while (batch.size() < maxBatch) {
                    int before = batch.size();
                    queue.drainTo(batch, maxBatch - batch.size());
                    long left = until - System.nanoTime();
                    if (batch.size() >= maxBatch || left <= 0 || stopping) {
                        break;
                    }
                    if (batch.size() == before) {
                        Event next = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                }
                publish(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void publish(List<Event> batch) throws InterruptedException {
        batches.incrementAndGet();
        try {
            Delivery delivery = publisher.publishAll(List.copyOf(batch))
                    .get(publishWait.toNanos(), TimeUnit.NANOSECONDS);
            published.addAndGet(batch.size());
            if (delivery == Delivery.SPOOLED) {
                spooled.addAndGet(batch.size());
            }
            if (failing) {
                failing = false;
                warnings.accept("cuir: publishing again");
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failed.addAndGet(batch.size());
            if (!failing) {
                failing = true;
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                String why = cause instanceof TimeoutException ? "no answer within " + Durations.shown(publishWait)
                        : cause.getMessage();
                warnings.accept("cuir: " + batch.size() + " events not published: " + why
                        + " (further failures are reported when publishing works again)");
            }
        }
    }

    /** Events handed to the publisher and accepted by it. */
    public long published() {
        return published.get();
    }

    /** Events accepted into the spool rather than delivered, because the broker was away. */
    public long spooled() {
        return spooled.get();
    }

    /** Events the publisher could not keep. */
    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Calls to {@link Publisher#publishAll} so far. */
    public long batches() {
        return batches.get();
    }

    /** Publishes what is queued, waiting at most {@code bound}; then the thread ends. */
    public void close(Duration bound) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        try {
            thread.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            warnings.accept("cuir: " + queue.size() + " events still queued after " + Durations.shown(bound)
                    + "; not published");
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
