package io.moustash.cuir.check.http;

import io.moustash.common.Durations;
import io.moustash.cuir.check.Certificates;
import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.HttpDetails;
import io.moustash.cuir.check.TlsFailures;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.check.tcp.ConnectFailures;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * One HTTP probe, from the name's resolution to the verdict, redirects included: resolve, connect,
 * TLS for https, one request ({@code Connection: close}), the response's status line and, when
 * {@code expect} or {@code json} need it, its body. Everything runs on one event loop, so the state
 * needs no locks; a channel left behind by a redirect is ignored. The deadline is one task on that
 * loop, set when the probe starts, so redirects share the probe's timeout.
 */
final class HttpProbe {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    /** What the probe waits for, which names what did not come in time. */
    private enum Phase {
        RESOLVING("no answer from DNS"), CONNECTING("no answer to connect"), HANDSHAKE("TLS handshake not finished"),
        WAITING("no response"), READING("body not complete");

        final String late;

        Phase(String late) {
            this.late = late;
        }
    }

    private final HttpProber prober;
    private final EventLoop loop;
    private final ProbeSpec spec;
    private final HttpCheck check;
    private final long startNanos;
    private final Instant at;
    private final CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    private ScheduledFuture<?> deadline;
    private boolean done;
    private String method;
    private int redirects;

    // The current request's state, reset by each redirect.
    private HttpUrl url;
    private Phase phase;
    private Channel channel;
    private InetAddress address;
    private long dnsMicros;
    private long connectMicros;
    private long tlsMicros;
    private long firstByteMicros;
    private long requestNanos;
    private Instant notAfter;
    private String certificateWarning;
    private Integer statusCode;
    private ByteArrayOutputStream body;
    private boolean truncated;

    HttpProbe(HttpProber prober, EventLoop loop, ProbeSpec spec, HttpCheck check, long startNanos, Instant at) {
        this.prober = prober;
        this.loop = loop;
        this.spec = spec;
        this.check = check;
        this.startNanos = startNanos;
        this.at = at;
        this.method = check.method();
        this.url = check.url();
    }

    CompletableFuture<ProbeResult> result() {
        return result;
    }

    /** Runs on {@link #loop}. */
    void start() {
        long remaining = spec.timeout().toNanos() - (System.nanoTime() - startNanos);
        deadline = loop.schedule(this::timedOut, Math.max(0, remaining), TimeUnit.NANOSECONDS);
        request(check.url());
    }

    private void request(HttpUrl next) {
        url = next;
        phase = Phase.RESOLVING;
        channel = null;
        address = null;
        dnsMicros = connectMicros = tlsMicros = firstByteMicros = -1;
        requestNanos = 0;
        notAfter = null;
        certificateWarning = null;
        statusCode = null;
        body = null;
        truncated = false;
        long lookupStart = System.nanoTime();
        HttpUrl asked = url;
        // copy(): the resolver's future is shared by every probe of the name.
        prober.context().resolver().resolve(url.host()).copy().whenComplete((resolved, failure) -> {
            try {
                loop.execute(() -> resolved(asked, resolved, failure, lookupStart));
            } catch (RejectedExecutionException e) {
                result.complete(result(Status.UNKNOWN, Reason.LOCAL_ERROR, "Cuir is stopping"));
            }
        });
    }

    private void resolved(HttpUrl asked, InetAddress resolved, Throwable failure, long lookupStart) {
        if (done || asked != url) {
            return;
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            finish(Status.DOWN, Reason.DNS_FAILURE, cause instanceof UnknownHostException ? "no such host " + url.host()
                    : Texts.oneLine(cause));
            return;
        }
        dnsMicros = (System.nanoTime() - lookupStart) / 1000;
        address = resolved;
        connect();
    }

    private void connect() {
        phase = Phase.CONNECTING;
        SslContext ssl = null;
        if (url.secure()) {
            try {
                ssl = prober.tls(check.tls());
            } catch (RuntimeException e) {
                finish(Status.UNKNOWN, Reason.LOCAL_ERROR, Texts.oneLine(e));
                return;
            }
        }
        HttpUrl target = url;
        SslContext tls = ssl;
        // The probe's own deadline ends every phase: no Netty connect or handshake timer.
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(sslHandler(tls, ch, target));
                        }
                        ch.pipeline().addLast(new FirstByte(), new HttpClientCodec(4096, 16384, 8192), new Response());
                    }
                });
        long connectStart = System.nanoTime();
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect(new InetSocketAddress(address, url.port()));
        } catch (RuntimeException e) {
            var c = ConnectFailures.classify(e);
            finish(c.status(), c.reason(), c.detail());
            return;
        }
        Channel mine = connecting.channel();
        channel = mine;
        connecting.addListener(f -> {
            if (done || channel != mine) {
                return;
            }
            if (!f.isSuccess()) {
                var c = ConnectFailures.classify(f.cause());
                finish(c.status(), c.reason(), c.detail());
                return;
            }
            connectMicros = (System.nanoTime() - connectStart) / 1000;
            SslHandler handler = mine.pipeline().get(SslHandler.class);
            if (handler == null) {
                send();
                return;
            }
            phase = Phase.HANDSHAKE;
            long handshakeStart = System.nanoTime();
            handler.handshakeFuture().addListener(h -> {
                if (done || channel != mine) {
                    return;
                }
                if (!h.isSuccess()) {
                    finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(h.cause(), check.tls(), false));
                    return;
                }
                tlsMicros = (System.nanoTime() - handshakeStart) / 1000;
                Certificates.Judgement judged = Certificates.judge(handler.engine().getSession(), check.certWarnDays(),
                        Instant.now());
                notAfter = judged.notAfter();
                certificateWarning = judged.warning();
                if (judged.failure() != null) {
                    finish(Status.DOWN, Reason.TLS_FAILURE, judged.failure());
                } else {
                    send();
                }
            });
        });
    }

    private SslHandler sslHandler(SslContext tls, Channel ch, HttpUrl target) {
        SslHandler handler = tls.newHandler(ch.alloc(), target.host(), target.port());
        handler.setHandshakeTimeoutMillis(0);
        if (check.tls().verify()) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }

    private void send() {
        phase = Phase.WAITING;
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                url.request(), Unpooled.EMPTY_BUFFER);
        HttpHeaders headers = request.headers();
        headers.set(HttpHeaderNames.HOST, url.hostHeader());
        headers.set(HttpHeaderNames.USER_AGENT, "moustash-cuir");
        headers.set(HttpHeaderNames.ACCEPT, "*/*");
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (WITH_BODY.contains(method)) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        // The configured headers (an Authorization, a token) go only where the URL points, as curl
        // does: a redirect to another host, port or scheme does not get them.
        if (sameOrigin(url, check.url())) {
            check.headers().forEach(h -> headers.remove(h.name()));
            check.headers().forEach(h -> headers.add(h.name(), h.value()));
        }
        Channel mine = channel;
        requestNanos = System.nanoTime();
        mine.writeAndFlush(request).addListener(w -> {
            if (!w.isSuccess() && !done && channel == mine) {
                failed(w.cause());
            }
        });
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.secure() == b.secure() && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
    }

    /** The status line and headers: a redirect to follow, a verdict, or the body to read first. */
    private void response(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            finish(Status.DOWN, Reason.BAD_RESPONSE, "not an HTTP response: " + Texts.brief(Texts.oneLine(
                    response.decoderResult().cause())));
            return;
        }
        statusCode = response.status().code();
        String location = response.headers().get(HttpHeaderNames.LOCATION);
        if (check.followRedirects() && REDIRECTS.contains(statusCode) && location != null) {
            redirect(location);
            return;
        }
        if (!HttpVerdict.needsBody(check)) {
            verdict();
            return;
        }
        body = new ByteArrayOutputStream();
        phase = Phase.READING;
    }

    private void redirect(String location) {
        if (redirects >= HttpKind.MAX_REDIRECTS) {
            finish(Status.DOWN, Reason.HTTP_STATUS, "more than " + HttpKind.MAX_REDIRECTS + " redirects, the last to "
                    + Texts.shown(location));
            return;
        }
        HttpUrl next;
        try {
            next = url.resolve(location);
        } catch (IllegalArgumentException e) {
            finish(Status.DOWN, Reason.BAD_RESPONSE, "redirect to " + Texts.shown(location) + ": " + e.getMessage());
            return;
        }
        redirects++;
        if (statusCode == 303 && !method.equals("HEAD")) {
            method = "GET";
        }
        channel.close();
        request(next);
    }

    private void content(HttpContent content) {
        if (body == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            finish(Status.DOWN, Reason.BAD_RESPONSE, "malformed body: " + Texts.brief(Texts.oneLine(
                    content.decoderResult().cause())));
            return;
        }
        ByteBuf bytes = content.content();
        int take = Math.min(HttpKind.MAX_BODY - body.size(), bytes.readableBytes());
        byte[] part = new byte[take];
        bytes.readBytes(part);
        body.writeBytes(part);
        if (bytes.isReadable()) {
            truncated = true;
        }
        if (truncated || content instanceof LastHttpContent) {
            verdict();
        }
    }

    private void verdict() {
        HttpVerdict.Outcome outcome = HttpVerdict.judge(check, statusCode, body == null ? new byte[0] : body.toByteArray(),
                truncated);
        if (outcome.status() == Status.UP && certificateWarning != null) {
            finish(Status.WARNING, Reason.CERTIFICATE_EXPIRING, certificateWarning);
        } else {
            finish(outcome.status(), outcome.reason(), outcome.detail());
        }
    }

    private void failed(Throwable cause) {
        boolean tls = url.secure() && (phase == Phase.HANDSHAKE || isTls(cause)
                || phase == Phase.WAITING && Texts.oneLine(cause).toLowerCase(Locale.ROOT).contains("reset"));
        if (tls) {
            // A TLS 1.3 server judges the client's certificate after the client's handshake is done:
            // its refusal arrives here, while the probe waits for the response.
            finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(cause, check.tls(), phase != Phase.HANDSHAKE));
        } else if (phase == Phase.WAITING || phase == Phase.READING) {
            finish(Status.DOWN, Reason.BAD_RESPONSE, Texts.brief(Texts.oneLine(cause)));
        } else {
            finish(Status.DOWN, Reason.UNREACHABLE, Texts.brief(Texts.oneLine(cause)));
        }
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t.getClass().getSimpleName().equals("NotSslRecordException")) {
                return true;
            }
        }
        return false;
    }

    private void closed() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        Throwable tlsCause = ssl != null && ssl.sslCloseFuture().isDone() ? ssl.sslCloseFuture().cause() : null;
        if (tlsCause != null) {
            // The SSL layer closed the channel before telling the pipeline why (an alert): its close future knows.
            finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(tlsCause, check.tls(), phase != Phase.HANDSHAKE));
            return;
        }
        if (ssl != null && phase == Phase.WAITING && firstByteMicros < 0
                && "TLSv1.3".equals(ssl.engine().getSession().getProtocol())) {
            // Closed before a byte of response, right after a TLS 1.3 handshake: how a server refuses the client.
            finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(new SSLException("connection closed"), check.tls(), true));
            return;
        }
        switch (phase) {
            case HANDSHAKE -> finish(Status.DOWN, Reason.TLS_FAILURE, "the server closed the connection during the TLS handshake");
            case READING -> finish(Status.DOWN, Reason.BAD_RESPONSE, "the server closed the connection in the middle of the body");
            default -> finish(Status.DOWN, Reason.BAD_RESPONSE, "the server closed the connection without a response");
        }
    }

    private void timedOut() {
        String late = phase.late + " within " + Durations.shown(spec.timeout())
                + (redirects > 0 ? " (after " + redirects + (redirects == 1 ? " redirect)" : " redirects)") : "");
        finish(Status.DOWN, phase == Phase.RESOLVING ? Reason.DNS_FAILURE : Reason.TIMEOUT, late);
    }

    private void finish(Status status, Reason reason, String detail) {
        if (done) {
            return;
        }
        done = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        result.complete(result(status, reason, detail));
    }

    private ProbeResult result(Status status, Reason reason, String detail) {
        return new ProbeResult(spec, at, status, reason, detail, System.nanoTime() - startNanos,
                new HttpDetails(check, url, address, statusCode, redirects, dnsMicros, connectMicros, tlsMicros,
                        firstByteMicros, notAfter));
    }

    /** Notes when the response's first byte arrived (after TLS, before the HTTP decoder). */
    private final class FirstByte extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (firstByteMicros < 0 && requestNanos > 0 && ctx.channel() == channel) {
                firstByteMicros = (System.nanoTime() - requestNanos) / 1000;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** The decoded response; events of a channel a redirect left behind are dropped. */
    private final class Response extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (done || ctx.channel() != channel) {
                    return;
                }
                if (msg instanceof HttpResponse response) {
                    response(response);
                }
                if (!done && ctx.channel() == channel && msg instanceof HttpContent content) {
                    content(content);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done && ctx.channel() == channel) {
                closed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!done && ctx.channel() == channel) {
                failed(cause);
            }
        }
    }
}
