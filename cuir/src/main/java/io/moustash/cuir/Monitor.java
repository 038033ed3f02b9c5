package io.moustash.cuir;

import io.moustash.common.Durations;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.report.Heartbeats;
import io.moustash.cuir.report.ProbeEvents;
import io.moustash.cuir.report.ReportPolicy;
import io.moustash.cuir.schedule.ProbeScheduler;
import io.moustash.cuir.schedule.Reload;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.status.StatusBoard;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running Cuir: probes on schedule, publishes what the report mode asks for and every
 * notification, logs every change of state and notification on stderr (supervisord's log), and
 * publishes a heartbeat every {@code heartbeat_interval}. Each event goes straight to the publisher, whose
 * {@link Publisher#publish} queues or spools it and never waits for the broker, so a slow broker
 * never delays a probe; its queue, batches and spool are the only ones.
 *
 * <p>{@link #close} stops probing: no heartbeat, no new probes, then the probe threads. It does not close the
 * publisher, which its creator closes after this (Cuir's {@link io.moustash.cli.Shutdown}), so that
 * the events of the last probes are still taken. Safe to call twice.
 */
final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final CuirConfig config;
    private final Publisher publisher;
    private final ReportPolicy policy;
    private final Consumer<Observation> also;
    private final StatusBoard board;
    /** The probes running now: the configuration's, then each reload's. */
    private volatile List<ProbeSpec> probes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Events could be kept nowhere lately: said once when it starts, once when it ends. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private ProbeEngine engine;
    /** Volatile for {@link #reload}, which SIGHUP may call from another thread while this starts. */
    private volatile ProbeScheduler scheduler;

    /**
     * @param board where every observation is recorded: what {@code --status} and the heartbeat read
     * @param also sees every observation after it was reported, for tests; must not block
     */
    Monitor(CuirConfig config, Publisher publisher, StatusBoard board, Consumer<Observation> also) {
        this.config = config;
        this.publisher = publisher;
        this.policy = new ReportPolicy(config.report());
        this.board = board;
        this.also = also;
        this.probes = config.probes();
        board.retain(probes);
    }

    /** The probes running now, in the configuration's order. */
    List<ProbeSpec> probes() {
        return probes;
    }

    void start() {
        engine = new ProbeEngine(config.maxInFlight(), config.interval());
        ProbeScheduler starting = new ProbeScheduler(config.probes(), engine, this::observe, ZoneId.systemDefault());
        starting.start();
        if (!config.heartbeatInterval().isZero()) {
            starting.every(config.heartbeatInterval(), "heartbeat", this::beat);
        }
        scheduler = starting; // seen by reload only once started
        LOG.info("cuir: probing {}, every {} by default, reporting {}", OnceRun.count(config.probes().size(), "target"),
                Durations.shown(config.interval()), config.report().configName());
    }

    private void observe(Observation o) {
        board.record(o);
        String line = ProbeEvents.logLine(o);
        if (line != null) {
            LOG.info("{}", line);
        }
        if (policy.publishes(o)) {
            publisher.publish(ProbeEvents.of(o, policy.notifies(o))).whenComplete(this::kept);
        }
        also.accept(o);
    }

    /** One heartbeat, on the scheduler's timer: publishing queues or spools, never waits for the broker. */
    private void beat() {
        publisher.publish(Heartbeats.of(board.counts(probes), config.heartbeatInterval(), Instant.now())).whenComplete(this::kept);
    }

    private void kept(Delivery delivery, Throwable failure) {
        if (failure == null) {
            if (failing.compareAndSet(true, false)) {
                LOG.info("cuir: events are kept again ({})", delivery);
            }
        } else if (failing.compareAndSet(false, true)) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            LOG.warn("cuir: events could be kept nowhere: {} (said again when they are)", cause.getMessage());
        }
    }

    /** Replaces the probes with a reloaded file's ({@link ProbeScheduler#replace}); fails when not started. */
    CompletableFuture<Reload> reload(List<ProbeSpec> reloaded) {
        ProbeScheduler running = scheduler;
        if (running == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not started yet"));
        }
        // An unchanged probe goes on as the instance already running, so that its results, the board and
        // the heartbeat keep comparing specs by identity (a record's equals is costly on first use: StatusBoard).
        Map<String, ProbeSpec> before = new HashMap<>();
        probes.forEach(spec -> before.put(spec.name(), spec));
        Reload plan = Reload.plan(probes, reloaded);
        List<ProbeSpec> next = reloaded.stream().map(spec -> plan.keeps(spec.name()) ? before.get(spec.name()) : spec).toList();
        // Before the swap: a late result of a removed or changed probe is not recorded from now on, and the
        // first results of the new ones, which may come as soon as it is done, are.
        board.retain(next);
        return running.replace(next).thenApply(swapped -> {
            probes = next;
            // Probers holding state of their own (a log probe's open file) let go of what is gone.
            engine.retain(next);
            return swapped;
        });
    }

    /** Starts, then waits until {@link #close} (from Cuir's shutdown path, at SIGTERM). */
    void runUntilStopped() throws InterruptedException {
        start();
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (scheduler != null) {
                scheduler.close();
            }
            if (engine != null) {
                engine.close();
            }
        } finally {
            stopped.countDown();
        }
    }
}
