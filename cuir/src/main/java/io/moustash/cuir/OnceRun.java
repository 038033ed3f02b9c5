package io.moustash.cuir;

import io.moustash.common.ExitCode;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.report.EventBatcher;
import io.moustash.cuir.report.ProbeEvents;
import io.moustash.cuir.report.ReportPolicy;
import io.moustash.cuir.report.ResultTable;
import io.moustash.cuir.state.Observation;
import io.moustash.delivery.Publisher;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code cuir --once}: every probe once, all started together (within {@code max_in_flight}), the
 * table on stdout, the events published as results come in, and nothing left running. There is no
 * memory between runs, so each failure counts as a change from up: {@code down_after} and
 * {@code fail_interval} do not apply.
 */
final class OnceRun {
    static final Duration LINGER = Duration.ofMillis(50);
    static final Duration PUBLISH_BOUND = Duration.ofSeconds(30);

    private OnceRun() {
    }

    /**
     * @param publisher where events go, or {@code null} for none ({@code --no-publish}); closed here
     * @param summary receives a line with counts and the round's time, for -v and the benchmark
     * @return the exit status of {@link ResultTable#exitStatus}, or 69 when events could not be published
     */
    static int run(CuirConfig config, Publisher publisher, PrintWriter out, Consumer<String> warnings,
            Consumer<String> summary) {
        ReportPolicy policy = new ReportPolicy(config.report());
        EventBatcher batcher = publisher == null ? null
                : new EventBatcher(publisher, Monitor.MAX_BATCH, LINGER, Integer.MAX_VALUE, PUBLISH_BOUND, warnings);
        List<ProbeResult> results = new ArrayList<>();
        long start = System.nanoTime();
        try (ProbeEngine engine = new ProbeEngine(config.maxInFlight(), config.interval())) {
            List<CompletableFuture<ProbeResult>> futures = new ArrayList<>();
            for (var spec : config.probes()) {
                futures.add(engine.probe(spec).thenApply(result -> {
                    Observation o = fresh(result);
                    if (batcher != null && policy.publishes(o)) {
                        batcher.offer(ProbeEvents.of(o, policy.notifies(o)));
                    }
                    return result;
                }));
            }
            futures.forEach(f -> results.add(f.join()));
        }
        double roundSeconds = (System.nanoTime() - start) / 1e9;
        ResultTable.print(results, out);
        int status = ResultTable.exitStatus(results);
        if (batcher != null) {
            batcher.close(PUBLISH_BOUND);
            String why = publisher.outage().map(r -> " (" + r + ")").orElse("");
            publisher.close();
            summary.accept(String.format(Locale.ROOT, "cuir: %d probes in %.3f s (%d up), %d events published in %d batches",
                    results.size(), roundSeconds, results.stream().filter(r -> r.status() == Status.UP).count(),
                    batcher.published(), batcher.batches()));
            if (batcher.spooled() > 0) {
                warnings.accept("cuir: broker unavailable" + why + ": " + batcher.spooled()
                        + " events kept in the spool, to be delivered by the next run of any Moustash tool");
            }
            if (batcher.failed() > 0) {
                warnings.accept("cuir: " + batcher.failed() + " events could not be published");
                return ExitCode.UNAVAILABLE;
            }
        } else {
            summary.accept(String.format(Locale.ROOT, "cuir: %d probes in %.3f s (%d up), nothing published",
                    results.size(), roundSeconds, results.stream().filter(r -> r.status() == Status.UP).count()));
        }
        return status;
    }

    /** A result with no history: a failure is a change from up, at once. */
    static Observation fresh(ProbeResult result) {
        boolean failure = result.status().isFailure();
        return new Observation(result, failure ? 1 : 0, Status.UP, result.status(),
                result.spec().active().contains(result.at().atZone(ZoneId.systemDefault())));
    }
}
