package io.moustash.cuir.probe;

import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.CheckKind;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.config.ProbeSpec;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs probes, each to a verdict within its timeout, through the prober of its check's kind (made
 * when the first probe of that kind runs). Callers get a future that always completes normally with
 * a {@link ProbeResult}, so a failure to probe is a result too, never an exception.
 *
 * <p>Thread-safe. The creator closes it; {@link #close} stops the probers, the I/O and lookup threads.
 */
public final class ProbeEngine implements AutoCloseable {
    /** The automatic limit never goes beyond this many probes at once. */
    static final int MAX_AUTO_IN_FLIGHT = 8192;

    private final ProbeContext context;
    private final Map<CheckKind<?>, Prober<?>> probers = new ConcurrentHashMap<>();
    private final InFlightLimit limit;

    /**
     * @param maxInFlight probes running at once at most; 0 for half the open-file limit (at most {@value #MAX_AUTO_IN_FLIGHT})
     * @param dnsTtl how long a name's resolution is reused: one interval
     */
    public ProbeEngine(int maxInFlight, Duration dnsTtl) {
        context = new ProbeContext(dnsTtl);
        limit = new InFlightLimit(maxInFlight > 0 ? maxInFlight : automaticLimit());
    }

    /** Half the process's open-file limit, leaving the rest to the broker connection, the JVM and the spool. */
    static int automaticLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long max = unix.getMaxFileDescriptorCount();
            return (int) Math.max(16, Math.min(MAX_AUTO_IN_FLIGHT, max / 2));
        }
        return 1024;
    }

    /** Probes once; the future completes with the result, at the latest when the probe's timeout has passed after it started. */
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
        return limit.submit(() -> start(spec, spec.check().kind()));
    }

    private <C extends Check> CompletableFuture<ProbeResult> start(ProbeSpec spec, CheckKind<C> kind) {
        long startNanos = System.nanoTime();
        Instant at = Instant.now();
        @SuppressWarnings("unchecked") // the map holds each kind's own prober
        Prober<C> prober = (Prober<C>) probers.computeIfAbsent(kind, k -> kind.prober(context));
        return prober.probe(spec, kind.cast(spec.check()), startNanos, at);
    }

    /** After a reload: each prober lets go of what it keeps for probes not in {@code kept}. */
    public void retain(List<ProbeSpec> kept) {
        probers.values().forEach(p -> p.retain(kept));
    }

    /** Probes waiting for a free slot, for logs. */
    public int waiting() {
        return limit.waiting();
    }

    @Override
    public void close() {
        probers.values().forEach(Prober::close);
        context.close();
    }
}
