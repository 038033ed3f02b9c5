package io.moustash.cuir.schedule;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.state.TargetState;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 * <p>One timer thread only starts probes; they run in the {@link ProbeEngine}, and their results
 * reach {@code observer} on the thread that completed them, one target's results in order.
 * {@code observer} must not block: it runs where the I/O happens.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeScheduler.class);

    private final List<Slot> slots = new ArrayList<>();
    private final ProbeEngine engine;
    private final Consumer<Observation> observer;
    private final ScheduledExecutorService timer;
    private volatile boolean stopped;

    public ProbeScheduler(List<ProbeSpec> specs, ProbeEngine engine, Consumer<Observation> observer, ZoneId zone) {
        this.engine = engine;
        this.observer = observer;
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

    private void run(Slot slot) {
        if (stopped) {
            return;
        }
        slot.startedAt = System.nanoTime();
        engine.probe(slot.spec).whenComplete((result, failure) -> {
            if (stopped) {
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
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: no next probe
        }
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

        Slot(ProbeSpec spec, TargetState state) {
            this.spec = spec;
            this.state = state;
        }
    }
}
