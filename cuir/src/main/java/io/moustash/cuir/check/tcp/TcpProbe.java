package io.moustash.cuir.check.tcp;

import io.moustash.common.Durations;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.check.Texts;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One TCP probe, from connect to verdict: connect, then the TLS handshake if asked, then send, then
 * read until the reply matches {@code expect}. Everything after {@link #start} runs on the channel's
 * event loop, so its state needs no locks; the deadline is a task on that loop, so no probe ever
 * waits on another.
 */
final class TcpProbe extends ChannelInboundHandlerAdapter {
    /** Replies are matched within their first bytes; a banner or a status line is far shorter. */
    static final int MAX_REPLY = 16 * 1024;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final ProbeSpec spec;
    private final TcpCheck check;
    private final InetAddress address;
    private final long startNanos;
    private final Instant at;
    private final CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    private final ByteArrayOutputStream reply = new ByteArrayOutputStream();
    private Channel channel;
    private ScheduledFuture<?> deadline;
    private long connectStartNanos;
    private long connectMicros = -1;
    private boolean secured;
    private boolean expecting;
    private Instant notAfter;
    private String certificateWarning;
    private boolean done;

    TcpProbe(ProbeSpec spec, TcpCheck check, InetAddress address, long startNanos, Instant at) {
        this.spec = spec;
        this.check = check;
        this.address = address;
        this.startNanos = startNanos;
        this.at = at;
    }

    CompletableFuture<ProbeResult> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /**
     * Connects with {@code bootstrap}, whose pipeline will hold this handler (after TLS, if any).
     * Called on the event loop the bootstrap uses, so that registering and connecting happen at
     * once instead of as tasks handed across threads.
     */
    void start(Bootstrap bootstrap) {
        long remaining = spec.timeout().toNanos() - (System.nanoTime() - startNanos);
        connectStartNanos = System.nanoTime();
        ChannelFuture connect;
        try {
            connect = bootstrap.connect(new InetSocketAddress(address, check.destination().port()));
        } catch (RuntimeException e) {
            var c = ConnectFailures.classify(e);
            finishNow(c.status(), c.reason(), c.detail());
            return;
        }
        channel = connect.channel();
        if (!channel.isRegistered() && connect.isDone() && !connect.isSuccess()) {
            var c = ConnectFailures.classify(connect.cause());
            finishNow(c.status(), c.reason(), c.detail());
            return;
        }
        // start() runs on this channel's event loop, so a connect that already failed has set done.
        if (!done) {
            deadline = channel.eventLoop().schedule(this::timedOut, Math.max(0, remaining), TimeUnit.NANOSECONDS);
        }
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                var c = ConnectFailures.classify(f.cause());
                finish(c.status(), c.reason(), c.detail());
                return;
            }
            connectMicros = (System.nanoTime() - connectStartNanos) / 1000;
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            if (ssl == null) {
                converse();
            } else {
                ssl.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        secured = true;
                        checkCertificate(ssl);
                        if (!done) {
                            converse();
                        }
                    } else {
                        finish(Status.DOWN, Reason.TLS_FAILURE, Texts.oneLine(h.cause()));
                    }
                });
            }
        });
    }

    /** Sends, then waits for the expected reply; or, with nothing to say or hear, ends UP at once. */
    private void converse() {
        expecting = check.expect() != null;
        if (check.sends()) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(check.send())).addListener(w -> {
                if (!w.isSuccess()) {
                    finish(Status.DOWN, Reason.UNREACHABLE, "could not send: " + Texts.oneLine(w.cause()));
                } else if (!expecting) {
                    finishUp();
                }
            });
        } else if (!expecting) {
            finishUp();
        }
    }

    private void checkCertificate(SslHandler ssl) {
        Certificate[] chain;
        try {
            chain = ssl.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            finish(Status.DOWN, Reason.TLS_FAILURE, "no server certificate");
            return;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
            return;
        }
        notAfter = x509.getNotAfter().toInstant();
        Instant now = Instant.now();
        if (now.isAfter(notAfter)) {
            finish(Status.DOWN, Reason.TLS_FAILURE, "certificate expired on " + DAY.format(notAfter));
            return;
        }
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (check.certWarnDays() > 0 && daysLeft < check.certWarnDays()) {
            certificateWarning = "certificate expires in " + daysLeft + (daysLeft == 1 ? " day" : " days")
                    + ", on " + DAY.format(notAfter);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (!expecting || done) {
                return;
            }
            int room = MAX_REPLY - reply.size();
            int take = Math.min(room, buf.readableBytes());
            byte[] bytes = new byte[take];
            buf.readBytes(bytes);
            reply.writeBytes(bytes);
            if (check.expect().matcher(replyText()).find()) {
                finishUp();
            } else if (reply.size() >= MAX_REPLY) {
                finish(Status.DOWN, Reason.EXPECT_MISMATCH, "no match in the first " + MAX_REPLY + " bytes: "
                        + Texts.shown(replyText()));
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (done) {
            return;
        }
        if (channel.pipeline().get(SslHandler.class) != null && !secured) {
            finish(Status.DOWN, Reason.TLS_FAILURE, "connection closed during the handshake");
        } else if (expecting) {
            finish(Status.DOWN, Reason.EXPECT_MISMATCH, reply.size() == 0 ? "closed without a reply"
                    : "closed after " + Texts.shown(replyText()));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (done) {
            return;
        }
        if (channel.pipeline().get(SslHandler.class) != null && !secured) {
            finish(Status.DOWN, Reason.TLS_FAILURE, Texts.oneLine(cause));
        } else if (expecting) {
            finish(Status.DOWN, Reason.EXPECT_MISMATCH, Texts.oneLine(cause) + (reply.size() == 0 ? ""
                    : " after " + Texts.shown(replyText())));
        } else {
            finish(Status.DOWN, Reason.UNREACHABLE, Texts.oneLine(cause));
        }
    }

    private void timedOut() {
        String within = " within " + Durations.shown(spec.timeout());
        if (connectMicros < 0) {
            finish(Status.DOWN, Reason.TIMEOUT, "no answer to connect" + within);
        } else if (channel.pipeline().get(SslHandler.class) != null && !secured) {
            finish(Status.DOWN, Reason.TIMEOUT, "TLS handshake not finished" + within);
        } else if (reply.size() > 0) {
            finish(Status.DOWN, Reason.EXPECT_MISMATCH, "no match" + within + ", received " + Texts.shown(replyText()));
        } else {
            finish(Status.DOWN, Reason.TIMEOUT, "no reply" + within);
        }
    }

    private void finishUp() {
        if (certificateWarning != null) {
            finish(Status.WARNING, Reason.CERTIFICATE_EXPIRING, certificateWarning);
        } else {
            finish(Status.UP, null, null);
        }
    }

    private void finish(Status status, Reason reason, String detail) {
        if (done) {
            return;
        }
        done = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        channel.close();
        complete(status, reason, detail);
    }

    /** For failures before the channel exists or is registered: nothing to close or cancel. */
    private void finishNow(Status status, Reason reason, String detail) {
        done = true;
        complete(status, reason, detail);
    }

    private void complete(Status status, Reason reason, String detail) {
        result.complete(new ProbeResult(spec, at, status, reason, detail, System.nanoTime() - startNanos,
                new TcpDetails(check, address, connectMicros, notAfter)));
    }

    private String replyText() {
        return reply.toString(StandardCharsets.UTF_8);
    }
}
