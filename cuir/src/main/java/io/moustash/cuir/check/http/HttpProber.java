package io.moustash.cuir.check.http;

import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.HttpDetails;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.check.TlsClient;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/**
 * Runs HTTP probes on the context's Netty event loops, as TCP probes run: one non-blocking
 * connection per probe, its deadline a task on its loop. TLS contexts are made once per distinct
 * {@link TlsClient} (files, verification), when the first probe needs one.
 *
 * <p>Thread-safe.
 */
final class HttpProber implements Prober<HttpCheck> {
    private final ProbeContext context;
    private final Map<TlsClient, SslContext> tls = new ConcurrentHashMap<>();

    HttpProber(ProbeContext context) {
        this.context = context;
    }

    /** The client's TLS context; throws with one line naming the option when its files cannot be used now. */
    SslContext tls(TlsClient client) {
        return tls.computeIfAbsent(client, c -> {
            try {
                return c.context();
            } catch (SSLException e) {
                throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage());
            }
        });
    }

    ProbeContext context() {
        return context;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec, HttpCheck check, long startNanos, Instant at) {
        EventLoop loop;
        try {
            loop = context.eventLoops().next();
        } catch (IllegalStateException e) {
            return stopping(spec, check, startNanos, at);
        }
        HttpProbe probe = new HttpProbe(this, loop, spec, check, startNanos, at);
        try {
            loop.execute(probe::start);
        } catch (RejectedExecutionException e) {
            return stopping(spec, check, startNanos, at);
        }
        return probe.result();
    }

    private static CompletableFuture<ProbeResult> stopping(ProbeSpec spec, HttpCheck check, long startNanos, Instant at) {
        return CompletableFuture.completedFuture(new ProbeResult(spec, at, Status.UNKNOWN, Reason.LOCAL_ERROR,
                "Cuir is stopping", System.nanoTime() - startNanos, HttpDetails.none(check)));
    }
}
