package io.moustash.cuir.check;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Probes checks of one kind. The future always completes normally, by the probe's timeout at the
 * latest: a failure to probe is a result too. Thread-safe; {@link #close} ends what it started.
 */
public interface Prober<C extends Check> extends AutoCloseable {

    /** @param startNanos {@link System#nanoTime} when the probe started, which its timeout counts from */
    CompletableFuture<ProbeResult> probe(ProbeSpec spec, C check, long startNanos, Instant at);

    /**
     * Lets go of what it keeps for probes not in {@code kept} (a log probe's open file): a reloaded
     * configuration calls it with its probes. Probers without such state ignore it.
     */
    default void retain(Collection<ProbeSpec> kept) {
    }

    @Override
    default void close() {
    }
}
