package io.moustash.cuir;

import io.moustash.common.Durations;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.report.EventBatcher;
import io.moustash.cuir.report.ProbeEvents;
import io.moustash.cuir.report.ReportPolicy;
import io.moustash.cuir.schedule.ProbeScheduler;
import io.moustash.cuir.state.Observation;
import io.moustash.delivery.Publisher;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running Cuir: probes on schedule, publishes what the report mode asks for, logs every
 * change of state on stderr (supervisord's log). Probing and publishing are decoupled by the
 * {@link EventBatcher}, so a slow broker never delays a probe.
 *
 * <p>{@link #close} stops in a fixed order: no new probes, stop the probe threads, publish what is
 * queued (bounded), close the publisher. Safe to call twice.
 */
final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
    static final int MAX_BATCH = 1000;
    static final Duration LINGER = Duration.ofMillis(200);
    static final int QUEUE_CAPACITY = 100_000;
    static final Duration PUBLISH_WAIT = Duration.ofSeconds(30);

    private final CuirConfig config;
    private final Publisher publisher;
    private final ReportPolicy policy;
    private final Consumer<Observation> also;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ProbeEngine engine;
    private EventBatcher batcher;
    private ProbeScheduler scheduler;

    /** @param also sees every observation after it was reported, for tests; must not block */
    Monitor(CuirConfig config, Publisher publisher, Consumer<Observation> also) {
        this.config = config;
        this.publisher = publisher;
        this.policy = new ReportPolicy(config.report());
        this.also = also;
    }

    void start() {
        engine = new ProbeEngine(config.maxInFlight(), config.interval());
        batcher = new EventBatcher(publisher, MAX_BATCH, LINGER, QUEUE_CAPACITY, PUBLISH_WAIT, LOG::warn);
        scheduler = new ProbeScheduler(config.probes(), engine, this::observe, ZoneId.systemDefault());
        scheduler.start();
        LOG.info("cuir: probing {} targets, every {} by default, reporting {}", config.probes().size(),
                Durations.shown(config.interval()), config.report().configName());
    }

    private void observe(Observation o) {
        if (o.changed()) {
            LOG.info("cuir: {} {} {} -> {}{}", o.result().spec().name(), o.result().spec().describeTarget(),
                    o.previous().text(), o.state().text(),
                    o.result().explanation().isEmpty() ? "" : " (" + o.result().explanation() + ")");
        }
        if (policy.publishes(o)) {
            batcher.offer(ProbeEvents.of(o, policy.notifies(o)));
        }
        also.accept(o);
    }

    /** Runs until the JVM is asked to stop (SIGTERM from supervisord), then closes. */
    void runUntilStopped() throws InterruptedException {
        // One hook, in close()'s order: the batcher must flush into a publisher that is still open.
        publisher.ownerClosesAtExit();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "cuir-shutdown"));
        start();
        stopped.await();
    }

    EventBatcher batcher() {
        return batcher;
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
            if (batcher != null) {
                batcher.close(Duration.ofSeconds(10));
            }
            publisher.close();
        } finally {
            stopped.countDown();
        }
    }
}
