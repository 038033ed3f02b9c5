package io.moustash.transport.redis;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A TCP connection that writes RESP commands and reads their replies, every wait bounded by a
 * deadline. The channel is non-blocking and waits go through a selector, because a blocking socket
 * has no write timeout: a stopped Redis with full socket buffers would hold the caller forever, and
 * for Fouet the caller is supervisord's event loop.
 *
 * <p>Commands are written through one fixed direct buffer, whatever their size: a 1 MB document
 * goes out in slices, so no large temporary buffer is made or kept.
 */
final class RespChannel implements AutoCloseable {
    private static final int OUT_BUFFER = 64 * 1024;
    private static final int IN_BUFFER = 4 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BUFFER);
    private final ByteBuffer in = ByteBuffer.allocateDirect(IN_BUFFER).flip();
    private final byte[] digits = new byte[20];
    private long deadline;
    /** Whether the server has answered anything on this connection. */
    private boolean answered;

    private RespChannel(SocketChannel channel, Selector selector) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
    }

    /**
     * Connects to {@code host:port}.
     *
     * @throws SocketTimeoutException "connection timed out" when the deadline passes first
     * @throws java.nio.channels.UnresolvedAddressException when the name does not resolve
     */
    static RespChannel connect(String host, int port, long deadline) throws IOException, InterruptedException {
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            selector = Selector.open();
            RespChannel resp = new RespChannel(channel, selector).within(deadline);
            if (!channel.connect(new InetSocketAddress(host, port))) {
                try {
                    while (!channel.finishConnect()) {
                        resp.await(SelectionKey.OP_CONNECT);
                    }
                } catch (TimeoutException e) {
                    throw new SocketTimeoutException("connection timed out");
                }
            }
            return resp;
        } catch (IOException | InterruptedException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** Whether the server has answered anything on this connection yet. */
    boolean answered() {
        return answered;
    }

    /** Sets the deadline ({@link System#nanoTime()}) of every wait from now on: writing, flushing, reading replies. */
    RespChannel within(long deadline) {
        this.deadline = deadline;
        return this;
    }

    /**
     * Whether this connection is of no more use: the server closed it while it sat idle (Redis's
     * {@code timeout}, a proxy's idle cut) or sent something nobody asked for. One non-blocking read,
     * which finds nothing on a healthy connection.
     */
    boolean peerClosed() {
        if (in.hasRemaining()) {
            return true;
        }
        in.clear();
        try {
            return channel.read(in) != 0;
        } catch (IOException e) {
            return true;
        } finally {
            in.flip();
        }
    }

    /** Starts a command of {@code parts} parts (the name counts as one). */
    RespChannel command(int parts, byte[] name) throws IOException, InterruptedException, TimeoutException {
        return header('*', parts).bulk(name);
    }

    /** Appends one bulk-string part. */
    RespChannel bulk(byte[] value) throws IOException, InterruptedException, TimeoutException {
        header('$', value.length);
        put(value);
        put(CRLF);
        return this;
    }

    /** Writes everything buffered so far. */
    void flush() throws IOException, InterruptedException, TimeoutException {
        out.flip();
        try {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(SelectionKey.OP_WRITE);
                }
            }
        } finally {
            out.clear();
        }
    }

    /**
     * Reads one reply that must be an integer ({@code :n}) or a status ({@code +OK}, read as 0).
     *
     * @throws RedisReplyError for an error reply, with the server's text
     */
    long reply() throws IOException, InterruptedException, TimeoutException, RedisReplyError {
        String line = line();
        answered = true;
        if (line.isEmpty()) {
            throw new IOException("empty reply from Redis");
        }
        switch (line.charAt(0)) {
            case ':':
                try {
                    return Long.parseLong(line.substring(1));
                } catch (NumberFormatException e) {
                    throw new IOException("unreadable reply from Redis: " + line);
                }
            case '+':
                return 0;
            case '-':
                throw new RedisReplyError(line.substring(1));
            default:
                throw new IOException("unexpected reply from Redis: " + line);
        }
    }

    private String line() throws IOException, InterruptedException, TimeoutException {
        StringBuilder line = new StringBuilder(16);
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) (b & 0xff));
            }
            in.clear();
            try {
                int read;
                while ((read = channel.read(in)) == 0) {
                    await(SelectionKey.OP_READ);
                }
                if (read < 0) {
                    throw new EOFException("connection closed by Redis");
                }
            } finally {
                in.flip();
            }
        }
    }

    private RespChannel header(char type, long length) throws IOException, InterruptedException, TimeoutException {
        int at = digits.length;
        long rest = length;
        do {
            digits[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        room(1 + digits.length - at + 2);
        out.put((byte) type).put(digits, at, digits.length - at).put(CRLF);
        return this;
    }

    private void put(byte[] bytes) throws IOException, InterruptedException, TimeoutException {
        int offset = 0;
        while (offset < bytes.length) {
            if (!out.hasRemaining()) {
                flush();
            }
            int n = Math.min(out.remaining(), bytes.length - offset);
            out.put(bytes, offset, n);
            offset += n;
        }
    }

    private void room(int bytes) throws IOException, InterruptedException, TimeoutException {
        if (out.remaining() < bytes) {
            flush();
        }
    }

    private void await(int operation) throws IOException, InterruptedException, TimeoutException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted while waiting for Redis");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException();
        }
        try {
            key.interestOps(operation);
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
            selector.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            // Closed from another thread (a publisher giving up on a stuck send): the send ends here.
            throw new java.nio.channels.AsynchronousCloseException();
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing to release that closing the channel will not.
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing after a failure; the failure is what gets reported.
        }
    }
}
