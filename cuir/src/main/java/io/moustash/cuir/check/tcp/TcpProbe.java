package io.moustash.cuir.check.tcp;

import io.moustash.common.Durations;
import io.moustash.cuir.check.Certificates;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.check.TlsFailures;
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
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One TCP probe, from connect to verdict: connect, then the TLS handshake if asked, then send, then
 * read until the reply matches {@code expect}. Everything after {@link #start} runs on the channel's
 * event loop, so its state needs no locks; the deadline is a task on that loop, so no probe ever
 * waits on another.
 *
 * <p>With TLS 1.3 the client's handshake ends before the server has judged the client (its
 * certificate, or the lack of one): a refusal is an alert that comes afterwards. So after a TLS 1.3
 * handshake the probe is not up until the server has sent something that decrypts (its session
 * ticket, a banner) or a short settle time has passed with nothing ({@link #settleNanos}); an alert
 * or a close in between is a TLS failure.
 */
final class TcpProbe extends ChannelInboundHandlerAdapter {
    /** Replies are matched within their first bytes; a banner or a status line is far shorter. */
    static final int MAX_REPLY = 16 * 1024;
    /** The shortest settle after a TLS 1.3 handshake; otherwise three connect times, for distant servers. */
    static final long MIN_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

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
    /** Whether the server has accepted the client after the handshake; false only while a TLS 1.3 probe settles. */
    private boolean confirmed = true;
    private boolean pendingUp;
    private ScheduledFuture<?> settle;
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
                    if (done) {
                        return;
                    }
                    if (h.isSuccess()) {
                        secured = true;
                        checkCertificate(ssl);
                        if (!done) {
                            awaitAcceptance(ssl);
                            converse();
                        }
                    } else {
                        finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(h.cause(), check.client(), false));
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
        Certificates.Judgement judged = Certificates.judge(ssl.engine().getSession(), check.certWarnDays(), Instant.now());
        notAfter = judged.notAfter();
        certificateWarning = judged.warning();
        if (judged.failure() != null) {
            finish(Status.DOWN, Reason.TLS_FAILURE, judged.failure());
        }
    }

    /** After a TLS 1.3 handshake, holds UP back until the server has accepted the client (see the class comment). */
    private void awaitAcceptance(SslHandler ssl) {
        if (!"TLSv1.3".equals(ssl.engine().getSession().getProtocol())) {
            return;
        }
        confirmed = false;
        long remaining = spec.timeout().toNanos() - (System.nanoTime() - startNanos);
        long wait = Math.min(remaining, settleNanos(connectMicros));
        settle = channel.eventLoop().schedule(this::accepted, Math.max(0, wait), TimeUnit.NANOSECONDS);
    }

    /** How long a TLS 1.3 probe waits for the server's verdict on the client: a refusal takes one round trip. */
    static long settleNanos(long connectMicros) {
        return Math.max(MIN_SETTLE_NANOS, 3 * TimeUnit.MICROSECONDS.toNanos(Math.max(0, connectMicros)));
    }

    private void accepted() {
        if (confirmed || done) {
            return;
        }
        confirmed = true;
        if (settle != null) {
            settle.cancel(false);
        }
        if (pendingUp) {
            finishUp();
        }
    }

    /**
     * Sits before the SslHandler and sees the server's records: one that arrives after the handshake
     * and decrypts without an alert (the handshake's read has passed through by then) means the
     * server accepted the client.
     */
    final class RecordWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean after = secured;
            ctx.fireChannelRead(msg);
            if (after && !confirmed && !done) {
                accepted();
            }
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
            finish(Status.DOWN, Reason.TLS_FAILURE, "the server closed the connection during the TLS handshake");
        } else if (!confirmed) {
            SslHandler ssl = channel.pipeline().get(SslHandler.class);
            Throwable cause = ssl.sslCloseFuture().isDone() ? ssl.sslCloseFuture().cause() : null;
            finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(cause != null ? cause
                    : new SSLException("connection closed"), check.client(), true));
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
        if (channel.pipeline().get(SslHandler.class) != null && (!secured || !confirmed || isTls(cause))) {
            finish(Status.DOWN, Reason.TLS_FAILURE, TlsFailures.describe(cause, check.client(), secured));
        } else if (expecting) {
            finish(Status.DOWN, Reason.EXPECT_MISMATCH, Texts.brief(Texts.oneLine(cause)) + (reply.size() == 0 ? ""
                    : " after " + Texts.shown(replyText())));
        } else {
            finish(Status.DOWN, Reason.UNREACHABLE, Texts.brief(Texts.oneLine(cause)));
        }
    }

    private static boolean isTls(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("ssl");
    }

    private void timedOut() {
        if (pendingUp && !confirmed) {
            // Nothing came after the handshake, not even a refusal: the settle time ran into the timeout.
            accepted();
            return;
        }
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
        if (!confirmed) {
            pendingUp = true;
            return;
        }
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
        if (settle != null) {
            settle.cancel(false);
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
