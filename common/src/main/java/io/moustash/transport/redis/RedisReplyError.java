package io.moustash.transport.redis;

/** Redis answered a command with an error reply ({@code -WRONGPASS …}, {@code -OOM …}); the message is the server's. */
final class RedisReplyError extends Exception {
    RedisReplyError(String message) {
        super(message, null, false, false);
    }
}
