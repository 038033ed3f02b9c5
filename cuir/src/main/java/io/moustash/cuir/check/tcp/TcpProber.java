package io.moustash.cuir.check.tcp;

import io.moustash.common.Durations;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.check.TlsClient;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Runs TCP probes on the context's Netty event loops: connects are non-blocking, so ten thousand
 * targets cost one thread, and a silent target only holds its own socket until its deadline. The
 * host is resolved first (once per interval, shared by every probe of that name).
 *
 * <p>TLS probes check the handshake and the certificate's dates, not its chain: like
 * {@code check_tcp --ssl}, Cuir asks "does TLS answer, and until when", which a self-signed
 * certificate answers as well as any.
 *
 * <p>A plain connect probe closes with a reset (SO_LINGER 0), as HAProxy's health checks do: a
 * graceful close would leave a TIME_WAIT socket on this host for a minute per probe, and ten
 * thousand targets every five seconds would fill the kernel's TIME_WAIT table (tcp_max_tw_buckets).
 * Probes that talk (send, expect, TLS) close gracefully, as a client of that protocol would.
 *
 * <p>Thread-safe. Probes still running when the context closes end without result.
 */
final class TcpProber implements Prober<TcpCheck> {
    private final ProbeContext context;
    /**
     * Made by the first TLS probe of each client certificate (most Cuirs: none, one context): JSSE's
     * set-up is start-up time and memory most Cuirs never use.
     */
    private final Map<TlsClient, SslContext> tls = new ConcurrentHashMap<>();

    TcpProber(ProbeContext context) {
        this.context = context;
    }

    /** @throws IllegalStateException with one line when the context cannot be made (a file gone since start) */
    private SslContext tls(TlsClient client) {
        return tls.computeIfAbsent(client, c -> {
            try {
                return c.context();
            } catch (SSLException e) {
                throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage());
            }
        });
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec, TcpCheck check, long startNanos, Instant at) {
        // copy(): the resolver's future is shared by every probe of that name for an interval, and
        // orTimeout would fail it for all of them with this probe's timeout.
        return context.resolver().resolve(check.destination().host()).copy()
                .orTimeout(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .handle((address, failure) -> {
                    if (failure == null) {
                        return connect(spec, check, address, startNanos, at);
                    }
                    return CompletableFuture.completedFuture(dnsFailure(spec, check, failure, startNanos, at));
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<ProbeResult> connect(ProbeSpec spec, TcpCheck check, InetAddress address, long startNanos,
            Instant at) {
        TcpProbe probe = new TcpProbe(spec, check, address, startNanos, at);
        EventLoop loop;
        try {
            loop = context.eventLoops().next();
        } catch (IllegalStateException e) {
            return CompletableFuture.completedFuture(local(spec, check, address, "Cuir is stopping", startNanos, at));
        }
        // The probe's own deadline ends connect, handshake and reply alike: Netty's connect and
        // handshake timers (0: none) would be two more scheduled tasks per probe deciding nothing.
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
        if (check.tls()) {
            SslContext ssl;
            try {
                ssl = tls(check.client());
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(local(spec, check, address, Texts.oneLine(e), startNanos, at));
            }
            bootstrap.handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    SslHandler handler = ssl.newHandler(ch.alloc(), check.destination().host(), check.destination().port());
                    handler.setHandshakeTimeoutMillis(0);
                    ch.pipeline().addLast(probe.new RecordWatch(), handler, probe);
                }
            });
        } else {
            bootstrap.handler(probe);
        }
        if (check.converses()) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        } else {
            bootstrap.option(ChannelOption.SO_LINGER, 0);
        }
        try {
            loop.execute(() -> probe.start(bootstrap));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(local(spec, check, address, "Cuir is stopping", startNanos, at));
        }
        return probe.result();
    }

    private static ProbeResult local(ProbeSpec spec, TcpCheck check, InetAddress address, String detail, long startNanos,
            Instant at) {
        return new ProbeResult(spec, at, Status.UNKNOWN, Reason.LOCAL_ERROR, detail, System.nanoTime() - startNanos,
                new TcpDetails(check, address, -1, null));
    }

    private static ProbeResult dnsFailure(ProbeSpec spec, TcpCheck check, Throwable failure, long startNanos, Instant at) {
        Throwable cause = failure.getCause() != null && !(failure instanceof UnknownHostException) ? failure.getCause() : failure;
        String detail;
        if (cause instanceof TimeoutException) {
            detail = "no answer within " + Durations.shown(spec.timeout());
        } else if (cause instanceof UnknownHostException) {
            detail = "no such host";
        } else {
            detail = Texts.oneLine(cause);
        }
        return new ProbeResult(spec, at, Status.DOWN, Reason.DNS_FAILURE, detail, System.nanoTime() - startNanos,
                new TcpDetails(check, null, -1, null));
    }
}
