package io.moustash.transport.redis;

import java.util.List;

/**
 * One connection's worth of Redis commands, as {@link RedisTransport} needs them. Two exist:
 * {@link SocketLink} speaks RESP on the caller's thread over plain TCP; {@link LettuceLink} goes
 * through Lettuce for TLS, Sentinel and Unix sockets.
 *
 * <p><b>Threads:</b> not thread-safe; one caller at a time.
 * <p><b>Connecting:</b> on first use and after {@link #reset}, within the same deadline as the command.
 * <p><b>Failure:</b> any exception; {@link java.util.concurrent.TimeoutException} means the deadline
 * passed waiting for Redis, {@link InterruptedException} that the caller was interrupted. The caller
 * then calls {@link #reset} and words the cause with {@link RedisErrors}.
 * <p><b>Deadlines</b> are {@link System#nanoTime()} values: no call waits past them.
 */
interface RedisLink extends AutoCloseable {

    /** Appends {@code values} to the list {@code key} in one RPUSH. */
    void rpush(byte[] key, List<byte[]> values, long deadline) throws Exception;

    /** PUBLISHes each message to {@code channel}, pipelined. */
    void publish(byte[] channel, List<byte[]> messages, long deadline) throws Exception;

    /** LLEN of {@code key}. */
    long llen(byte[] key, long deadline) throws Exception;

    /**
     * Whether the current connection has answered a command: false before connecting and after
     * {@link #reset}. A failure before any answer is a connect-time failure, which some causes
     * explain differently (a plain client on a TLS port is reset on its first words).
     */
    boolean answered();

    /** Drops the connection after a failure; the next command connects anew. */
    void reset();

    /** Releases everything; idempotent, never throws. */
    @Override
    void close();
}
