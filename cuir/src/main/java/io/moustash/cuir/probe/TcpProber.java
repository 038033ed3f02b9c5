package io.moustash.cuir.probe;

import io.moustash.cuir.config.ProbeSpec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Runs TCP probes on one Netty event loop (the Netty Lettuce already brings): connects are
 * non-blocking, so ten thousand targets cost one thread, and a silent target only holds its own
 * socket until its deadline.
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
 * <p>One event loop per core, at most two: the connect system calls are most of the work.
 *
 * <p>Thread-safe. {@link #close} stops the event loop; probes still running then end without result.
 */
final class TcpProber implements AutoCloseable {
    private final EventLoopGroup group;
    /** Made by the first TLS probe: JSSE's set-up is start-up time and memory most Cuirs never use. */
    private volatile SslContext tls;

    TcpProber() {
        group = new NioEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("cuir-io", true));
    }

    private SslContext tls() throws SSLException {
        SslContext context = tls;
        if (context == null) {
            synchronized (this) {
                context = tls;
                if (context == null) {
                    context = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
                    tls = context;
                }
            }
        }
        return context;
    }

    /** Probes {@code address} for {@code spec}; the future always completes, by the probe's timeout at the latest. */
    CompletableFuture<ProbeResult> probe(ProbeSpec spec, InetAddress address, long startNanos, Instant at) {
        TcpProbe probe = new TcpProbe(spec, address, startNanos, at);
        EventLoop loop = group.next();
        boolean converses = spec.tls() || spec.sends() || spec.expect() != null;
        // The probe's own deadline ends connect, handshake and reply alike: Netty's connect and
        // handshake timers (0: none) would be two more scheduled tasks per probe deciding nothing.
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0);
        if (spec.tls()) {
            SslContext tls;
            try {
                tls = tls();
            } catch (SSLException e) {
                return CompletableFuture.completedFuture(new ProbeResult(spec, at, Status.UNKNOWN, Reason.LOCAL_ERROR,
                        "TLS is not available in this JVM: " + e.getMessage(), address, -1,
                        System.nanoTime() - startNanos, null, null));
            }
            bootstrap.handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    SslHandler ssl = tls.newHandler(ch.alloc(), spec.target().host(), spec.target().port());
                    ssl.setHandshakeTimeoutMillis(0);
                    ch.pipeline().addLast(ssl, probe);
                }
            });
        } else {
            bootstrap.handler(probe);
        }
        if (converses) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        } else {
            bootstrap.option(ChannelOption.SO_LINGER, 0);
        }
        try {
            loop.execute(() -> probe.start(bootstrap));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new ProbeResult(spec, at, Status.UNKNOWN, Reason.LOCAL_ERROR,
                    "Cuir is stopping", address, -1, System.nanoTime() - startNanos, null, null));
        }
        return probe.result();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
