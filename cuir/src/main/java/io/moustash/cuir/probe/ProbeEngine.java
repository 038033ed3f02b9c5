package io.moustash.cuir.probe;

import io.moustash.common.Durations;
import io.moustash.cuir.config.ProbeSpec;
import java.lang.management.ManagementFactory;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs probes, each to a verdict within its timeout: resolves the host (once per interval), then
 * connects on the event loop or runs the command. Callers get a future that always completes
 * normally with a {@link ProbeResult}, so a failure to probe is a result too, never an exception.
 *
 * <p>Thread-safe. The creator closes it; {@link #close} stops the I/O and lookup threads.
 */
public final class ProbeEngine implements AutoCloseable {
    /** The automatic limit never goes beyond this many probes at once. */
    static final int MAX_AUTO_IN_FLIGHT = 8192;

    private final ExecutorService lookups;
    private final Resolver resolver;
    private final TcpProber tcp;
    private final CommandProber commands = new CommandProber();
    private final InFlightLimit limit;

    /**
     * @param maxInFlight probes running at once at most; 0 for half the open-file limit (at most {@value #MAX_AUTO_IN_FLIGHT})
     * @param dnsTtl how long a name's resolution is reused: one interval
     */
    public ProbeEngine(int maxInFlight, Duration dnsTtl) {
        AtomicInteger n = new AtomicInteger();
        lookups = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cuir-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        resolver = new Resolver(dnsTtl, lookups, System::nanoTime);
        tcp = new TcpProber();
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
        return limit.submit(() -> start(spec));
    }

    private CompletableFuture<ProbeResult> start(ProbeSpec spec) {
        long startNanos = System.nanoTime();
        Instant at = Instant.now();
        if (spec.isCommand()) {
            return commands.probe(spec, startNanos, at);
        }
        // copy(): the resolver's future is shared by every probe of that name for an interval, and
        // orTimeout would fail it for all of them with this probe's timeout.
        return resolver.resolve(spec.target().host()).copy()
                .orTimeout(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .handle((address, failure) -> {
                    if (failure == null) {
                        return tcp.probe(spec, address, startNanos, at);
                    }
                    return CompletableFuture.completedFuture(dnsFailure(spec, failure, startNanos, at));
                })
                .thenCompose(f -> f);
    }

    private static ProbeResult dnsFailure(ProbeSpec spec, Throwable failure, long startNanos, Instant at) {
        Throwable cause = failure.getCause() != null && !(failure instanceof UnknownHostException) ? failure.getCause() : failure;
        String detail;
        if (cause instanceof TimeoutException) {
            detail = "no answer within " + Durations.shown(spec.timeout());
        } else if (cause instanceof UnknownHostException) {
            detail = "no such host";
        } else {
            detail = TcpProbe.oneLine(cause);
        }
        return new ProbeResult(spec, at, Status.DOWN, Reason.DNS_FAILURE, detail, null, -1,
                System.nanoTime() - startNanos, null, null);
    }

    /** Probes waiting for a free slot, for logs. */
    public int waiting() {
        return limit.waiting();
    }

    @Override
    public void close() {
        tcp.close();
        lookups.shutdownNow();
    }
}
