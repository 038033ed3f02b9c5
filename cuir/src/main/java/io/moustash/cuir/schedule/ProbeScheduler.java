package io.moustash.cuir.schedule;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.state.TargetState;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every target on its own interval, for as long as it runs. The first probes are spread
 * evenly across each interval (probe i of n starts at i/n of it), so ten thousand targets make a
 * steady trickle of connects instead of a burst every five seconds. After that each target runs at a
 * fixed rate from its previous start ({@code fail_interval} while it is failing); a probe that takes
 * longer than the interval is followed by the next one at once, never by two at the same time.
 *
 * <p>One timer thread starts probes (and runs the few short chores given to {@link #every}); the
 * probes run in the {@link ProbeEngine}, and their results
 * reach {@code observer} on the thread that completed them, one target's results in order.
 * {@code observer} must not block: it runs where the I/O happens.
 *
 * <p>{@link #replace} swaps the probes for a reloaded configuration's on the timer thread, which owns
 * the list of slots once started; a slot removed or replaced stops at its next turn, and a result it
 * was still waiting for is not reported.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final List<Slot> slots = new ArrayList<>();
    private final ProbeEngine engine;
    private final Consumer<Observation> observer;
    private final ScheduledExecutorService timer;
    private final ZoneId zone;
    private volatile boolean stopped;

    public ProbeScheduler(List<ProbeSpec> specs, ProbeEngine engine, Consumer<Observation> observer, ZoneId zone) {
        this.engine = engine;
        this.observer = observer;
        this.zone = zone;
        for (ProbeSpec spec : specs) {
            slots.add(new Slot(spec, new TargetState(spec, zone)));
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cuir-schedule");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** The delay of probe {@code index} of {@code count} in its first interval. */
    static long firstDelayNanos(Duration interval, int index, int count) {
        return count == 0 ? 0 : (long) (interval.toNanos() * ((double) index / count));
    }

    public void start() {
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            timer.schedule(() -> run(slot), firstDelayNanos(slot.spec.interval(), i, slots.size()), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Replaces the probes with {@code specs} as {@link Reload#plan} decides: kept probes go on with
     * their state and schedule; changed and added ones start spread over their first interval, as at
     * start (one alone starts at once); removed ones stop. Completes once swapped, with the plan.
     */
    public CompletableFuture<Reload> replace(List<ProbeSpec> specs) {
        CompletableFuture<Reload> done = new CompletableFuture<>();
        try {
            timer.execute(() -> {
                try {
                    done.complete(swap(specs));
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("stopping: nothing to reload", e));
        }
        return done;
    }

    private Reload swap(List<ProbeSpec> specs) {
        Reload plan = Reload.plan(slots.stream().map(slot -> slot.spec).toList(), specs);
        Map<String, Slot> running = new HashMap<>();
        slots.forEach(slot -> running.put(slot.spec.name(), slot));
        List<Slot> fresh = new ArrayList<>();
        slots.clear();
        for (ProbeSpec spec : specs) {
            Slot slot = plan.keeps(spec.name()) ? running.remove(spec.name()) : new Slot(spec, new TargetState(spec, zone));
            if (!plan.keeps(spec.name())) {
                fresh.add(slot);
            }
            slots.add(slot);
        }
        running.values().forEach(slot -> slot.removed = true);
        for (int i = 0; i < fresh.size(); i++) {
            Slot slot = fresh.get(i);
            timer.schedule(() -> run(slot), firstDelayNanos(slot.spec.interval(), i, fresh.size()), TimeUnit.NANOSECONDS);
        }
        return plan;
    }

    private void run(Slot slot) {
        if (stopped || slot.removed) {
            return;
        }
        slot.startedAt = System.nanoTime();
        engine.probe(slot.spec).whenComplete((result, failure) -> {
            if (stopped || slot.removed) {
                return;
            }
            if (failure == null) {
                try {
                    observer.accept(slot.state.observe(result));
                } catch (RuntimeException e) {
                    LOG.error("cuir: reporting {} failed: {}", slot.spec.name(), e.toString());
                }
            } else {
                LOG.error("cuir: probe {} failed: {}", slot.spec.name(), failure.toString());
            }
            scheduleNext(slot);
        });
    }

    private void scheduleNext(Slot slot) {
        Duration period = slot.state.failing() ? slot.spec.failInterval() : slot.spec.interval();
        long delay = Math.max(0, slot.startedAt + period.toNanos() - System.nanoTime());
        try {
            timer.schedule(() -> run(slot), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing: no next probe
        }
    }

    /**
     * Runs {@code task} on the timer thread every {@code period}, the first time one period from now,
     * until closed: the daemon's periodic chores (the heartbeat) share the probes' thread rather than
     * keep one of their own, idle nearly always (measured: about 0.15 MiB resident each). The task
     * must be short and must not block, as the probes' starts wait behind it; whatever it throws is
     * logged, and it still runs next time.
     */
    public void every(Duration period, String what, Runnable task) {
        timer.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("cuir: {} failed: {}", what, e.toString());
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops starting probes; those running end on their own without being reported. Safe to call twice. */
    @Override
    public void close() {
        stopped = true;
        timer.shutdownNow();
    }

    private static final class Slot {
        final ProbeSpec spec;
        final TargetState state;
        volatile long startedAt;
        /** Set on the timer thread by a reload that dropped or replaced this probe. */
        volatile boolean removed;

        Slot(ProbeSpec spec, TargetState state) {
            this.spec = spec;
            this.state = state;
        }
    }
}
