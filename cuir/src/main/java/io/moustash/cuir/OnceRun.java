package io.moustash.cuir;

import io.moustash.common.Durations;
import io.moustash.common.ExitCode;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.report.ProbeEvents;
import io.moustash.cuir.report.ReportPolicy;
import io.moustash.cuir.report.ResultTable;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.state.TargetState;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code cuir --once}: every probe once, all started together (within {@code max_in_flight}), the
 * table on stdout, the events published as results come in, and nothing left running. There is no
 * memory between runs, so each failure counts as a change from the start: {@code down_after},
 * {@code fail_interval} and {@code remind} do not apply; a failure reaches the escalation's first step
 * when that step is 1.
 */
final class OnceRun {
    /** The longest wait, once the round is over, for its events to be delivered or spooled. */
    static final Duration PUBLISH_BOUND = Duration.ofSeconds(30);

    private OnceRun() {
    }

    /**
     * @param publisher where events go, or {@code null} for none ({@code --no-publish}); its
     *     creator closes it, after this returns
     * @param summary receives a line with counts and the round's time, for -v and the benchmark
     * @return the exit status of {@link ResultTable#exitStatus}, or 69 when events could not be published
     */
    static int run(CuirConfig config, Publisher publisher, PrintWriter out, Consumer<String> warnings,
            Consumer<String> summary) {
        ReportPolicy policy = new ReportPolicy(config.report());
        Queue<CompletableFuture<Delivery>> deliveries = new ConcurrentLinkedQueue<>();
        List<ProbeResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try (ProbeEngine engine = new ProbeEngine(config.maxInFlight(), config.interval())) {
            List<CompletableFuture<ProbeResult>> futures = new ArrayList<>();
            for (var spec : config.probes()) {
                futures.add(engine.probe(spec).thenApply(result -> {
                    Observation o = fresh(result);
                    if (publisher != null && policy.publishes(o)) {
                        deliveries.add(publisher.publish(ProbeEvents.of(o, policy.notifies(o))));
                    }
                    return result;
                }));
            }
            futures.forEach(f -> results.add(f.join()));
        }
        double roundSeconds = (System.nanoTime() - start) / 1e9;
        ResultTable.print(results, out);
        int status = ResultTable.exitStatus(results);
        long up = results.stream().filter(r -> r.status() == Status.UP).count();
        if (publisher == null) {
            summary.accept(String.format(Locale.ROOT, "cuir: %s in %.3f s (%d up), nothing published",
                    count(results.size(), "probe"), roundSeconds, up));
            return status;
        }
        Outcome outcome = Outcome.await(deliveries, PUBLISH_BOUND);
        summary.accept(String.format(Locale.ROOT, "cuir: %s in %.3f s (%d up), %s published",
                count(results.size(), "probe"), roundSeconds, up, count(outcome.kept(), "event")));
        if (outcome.spooled() > 0) {
            String why = publisher.outage().map(r -> " (" + r + ")").orElse("");
            warnings.accept("cuir: broker unavailable" + why + ": " + count(outcome.spooled(), "event")
                    + " kept in the spool, to be delivered by the next run of any Moustash tool");
        }
        if (outcome.failed() > 0) {
            warnings.accept("cuir: " + count(outcome.failed(), "event") + " could not be published"
                    + outcome.firstFailure().map(f -> ": " + f).orElse(""));
            return ExitCode.UNAVAILABLE;
        }
        return status;
    }

    /** {@code 1 event}, {@code 2 events}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** What became of the round's events: delivered, spooled, or kept nowhere (or not in time). */
    record Outcome(long delivered, long spooled, long failed, Optional<String> firstFailure) {
        long kept() {
            return delivered + spooled;
        }

        static Outcome await(Collection<CompletableFuture<Delivery>> deliveries, Duration bound) {
            long deadline = System.nanoTime() + bound.toNanos();
            long delivered = 0;
            long spooled = 0;
            long failed = 0;
            String firstFailure = null;
            for (CompletableFuture<Delivery> delivery : deliveries) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (delivery.get(left, TimeUnit.NANOSECONDS) == Delivery.SPOOLED) {
                        spooled++;
                    } else {
                        delivered++;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = e instanceof TimeoutException
                                ? "neither delivered nor spooled within " + Durations.shown(bound)
                                : String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed++;
                }
            }
            return new Outcome(delivered, spooled, failed, Optional.ofNullable(firstFailure));
        }
    }

    /** A result with no history: a failure is a change from the start, at once. */
    static Observation fresh(ProbeResult result) {
        return TargetState.once(result, ZoneId.systemDefault());
    }
}
