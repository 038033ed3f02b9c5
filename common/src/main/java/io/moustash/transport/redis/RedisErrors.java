package io.moustash.transport.redis;

import io.moustash.transport.tls.TlsErrors;
import io.moustash.transport.tls.TlsSettings;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Turns a link's failure (Lettuce's exception chains, a socket's, a Redis error reply) into the short cause a user can act on. */
final class RedisErrors {
    private RedisErrors() {
    }

    /** Lettuce's words when the server closed the connection before the Redis handshake began. */
    private static final String HANDSHAKE_NEVER_STARTED = "RedisHandshakeHandler not registered";

    /**
     * As {@link #explain(Throwable)}, naming TLS failures first when the connection uses TLS.
     *
     * @param atConnect whether the connection had not answered yet: only then is a reset the sign of
     *     a TLS port (a reset later is a server or a middlebox dropping a working connection)
     */
    static String explain(Throwable error, TlsSettings tls, boolean atConnect) {
        if (tls.enabled()) {
            java.util.Optional<String> why = TlsErrors.explain(error, tls);
            if (why.isPresent()) {
                return why.get();
            }
        } else if (atConnect) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                // What a TLS port does with a plain-text hello. When the reset comes before Lettuce
                // has set the connection up, Lettuce reports only that its handshake never started.
                if (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("Connection reset")
                        || String.valueOf(t.getMessage()).contains(HANDSHAKE_NEVER_STARTED)) {
                    return "the server reset the connection (a TLS port needs redis_ssl = 1 or a rediss:// redis_url)";
                }
            }
        }
        return explain(error);
    }

    static String explain(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String upper = message.toUpperCase(Locale.ROOT);
            if (upper.startsWith("WRONGPASS") || upper.contains("INVALID PASSWORD")
                    || upper.contains("INVALID USERNAME-PASSWORD")) {
                return "authentication failed: wrong password (redis_password)";
            }
            if (upper.startsWith("NOAUTH")) {
                return "authentication required: set redis_password";
            }
            if (upper.contains("AUTH") && (upper.contains("NO PASSWORD IS SET")
                    || upper.contains("WITHOUT ANY PASSWORD CONFIGURED"))) {
                return "redis_password is set but the server has no password";
            }
            if (upper.startsWith("OOM")) {
                return "Redis is out of memory: " + message;
            }
            if (t instanceof ConnectException || upper.contains("CONNECTION REFUSED")) {
                return "connection refused";
            }
            if (message.contains(HANDSHAKE_NEVER_STARTED)) {
                return "the server closed the connection during the handshake";
            }
            if (t instanceof java.nio.channels.ClosedChannelException || upper.contains("CONNECTION CLOSED")) {
                // Redis went away under an open connection (Netty's own class name would mean nothing).
                return "connection closed";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed: " + message;
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || upper.contains("CONNECTION TIMED OUT")) {
                return "connection timed out";
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
