package io.moustash.cuir.probe;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code limit} probes at once, so that ten thousand targets never need ten thousand file
 * descriptors at the same moment; the others wait in order and start as running ones end. A probe's
 * timeout starts when it starts, not while it waits.
 *
 * <p>Thread-safe and lock-free; no thread ever blocks here.
 */
final class InFlightLimit {
    private final int limit;
    private final AtomicInteger running = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** Guards against deep recursion when probes complete synchronously while a drain is starting them. */
    private final ThreadLocal<Boolean> draining = ThreadLocal.withInitial(() -> false);

    InFlightLimit(int limit) {
        this.limit = Math.max(1, limit);
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> out = new CompletableFuture<>();
        waiting.add(() -> {
            CompletableFuture<T> started;
            try {
                started = task.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, failure) -> {
                // The freed slot goes to the next probe before this result's observers run.
                running.decrementAndGet();
                drain();
                if (failure != null) {
                    out.completeExceptionally(failure);
                } else {
                    out.complete(value);
                }
            });
        });
        drain();
        return out;
    }

    int running() {
        return running.get();
    }

    int waiting() {
        return waiting.size();
    }

    private void drain() {
        if (draining.get()) {
            return;
        }
        draining.set(true);
        try {
            while (!waiting.isEmpty()) {
                int now = running.get();
                if (now >= limit) {
                    return;
                }
                if (!running.compareAndSet(now, now + 1)) {
                    continue;
                }
                Runnable next = waiting.poll();
                if (next == null) {
                    running.decrementAndGet();
                    return;
                }
                next.run();
            }
        } finally {
            draining.set(false);
        }
    }
}
