package io.moustash.transport.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Redis commands Moustash sends, spoken in RESP on the caller's thread over plain TCP.
 *
 * <p>Why not Lettuce on this path: Lettuce hands each command to its Netty event loop and the reply
 * back, two thread switches per round trip. Measured, that made Fouet slower than a Python listener
 * and cost PanPan about 170 ms and 2,900 classes at start-up (docs/benchmarks.md). Moustash sends
 * five commands (AUTH, SELECT, RPUSH, PUBLISH, LLEN), which are smaller to write than to configure
 * around an event loop. TLS, Sentinel and Unix sockets stay with Lettuce ({@link LettuceLink}).
 */
final class SocketLink implements RedisLink {
    private static final byte[] AUTH = bytes("AUTH");
    private static final byte[] SELECT = bytes("SELECT");
    private static final byte[] RPUSH = bytes("RPUSH");
    private static final byte[] PUBLISH = bytes("PUBLISH");
    private static final byte[] LLEN = bytes("LLEN");

    private final RedisSettings.Endpoint endpoint;
    private volatile RespChannel resp;

    SocketLink(RedisSettings.Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void rpush(byte[] key, List<byte[]> values, long deadline) throws Exception {
        RespChannel out = open(deadline).command(2 + values.size(), RPUSH).bulk(key);
        for (byte[] value : values) {
            out.bulk(value);
        }
        out.flush();
        out.reply();
    }

    @Override
    public void publish(byte[] channel, List<byte[]> messages, long deadline) throws Exception {
        RespChannel out = open(deadline);
        for (byte[] message : messages) {
            out.command(3, PUBLISH).bulk(channel).bulk(message);
        }
        out.flush();
        for (int i = 0; i < messages.size(); i++) {
            out.reply();
        }
    }

    @Override
    public long llen(byte[] key, long deadline) throws Exception {
        RespChannel out = open(deadline).command(2, LLEN).bulk(key);
        out.flush();
        return out.reply();
    }

    /** The open connection with {@code deadline} set, after AUTH and SELECT when it is new. */
    private RespChannel open(long deadline) throws Exception {
        RespChannel current = resp;
        if (current != null && !current.peerClosed()) {
            return current.within(deadline);
        }
        reset();
        RespChannel fresh = RespChannel.connect(endpoint.host(), endpoint.port(), deadline);
        try {
            int replies = 0;
            if (endpoint.password() != null) {
                if (endpoint.username() != null) {
                    fresh.command(3, AUTH).bulk(bytes(endpoint.username()));
                } else {
                    fresh.command(2, AUTH);
                }
                fresh.bulk(endpoint.password().getBytes(StandardCharsets.UTF_8));
                replies++;
            }
            if (endpoint.db() != 0) {
                fresh.command(2, SELECT).bulk(bytes(Integer.toString(endpoint.db())));
                replies++;
            }
            fresh.flush();
            for (int i = 0; i < replies; i++) {
                fresh.reply();
            }
        } catch (Exception e) {
            fresh.close();
            throw e;
        }
        resp = fresh;
        return fresh;
    }

    @Override
    public boolean answered() {
        RespChannel current = resp;
        return current != null && current.answered();
    }

    @Override
    public void reset() {
        // May run on another thread than a send in progress (see Transport#close): read once.
        RespChannel dropped = resp;
        resp = null;
        if (dropped != null) {
            dropped.close();
        }
    }

    @Override
    public void close() {
        reset();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
