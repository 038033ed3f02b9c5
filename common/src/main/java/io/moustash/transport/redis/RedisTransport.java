package io.moustash.transport.redis;

import io.moustash.common.Durations;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import io.moustash.transport.tls.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Sends documents to Redis: one multi-value RPUSH per batch in {@code list} mode, a pipeline of
 * PUBLISH in {@code channel} mode, exactly what logstash's redis input reads.
 *
 * <p>Plain TCP goes over a {@link SocketLink} on the caller's thread; TLS, Sentinel and Unix
 * sockets through Lettuce ({@link LettuceLink}). Either way a failure drops the connection, is
 * reported at once in one line, and the next send connects anew.
 */
public final class RedisTransport implements Transport {
    private final RedisSettings settings;
    private final byte[] key;
    private final RedisLink link;
    /** Said in every failure; worked out once, as it parses redis_url. */
    private final String description;
    private final TlsSettings tls;
    private volatile boolean closed;

    /**
     * Prepares the connection without touching the network; TLS files are read here.
     *
     * @throws io.moustash.common.MoustashException (exit 78) when a TLS file cannot be used
     */
    public RedisTransport(RedisSettings settings) {
        this(settings, settings.plainTcp() ? new SocketLink(settings.endpoint()) : new LettuceLink(settings));
    }

    /** With the link chosen, for tests that run both links against the same server. */
    RedisTransport(RedisSettings settings, RedisLink link) {
        this.settings = settings;
        this.key = settings.namespace().getBytes(StandardCharsets.UTF_8);
        this.link = link;
        this.description = "redis " + settings.address();
        this.tls = settings.effectiveTls();
    }

    @Override
    public void send(List<byte[]> documents) {
        if (documents.isEmpty()) {
            return;
        }
        long deadline = deadline();
        try {
            if (settings.dataType() == RedisSettings.DataType.LIST) {
                link.rpush(key, documents, deadline);
            } else {
                link.publish(key, documents, deadline);
            }
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** A list ({@code redis_data_type = list}) holds events until logstash takes them; a channel keeps none. */
    @Override
    public Optional<Backlog> backlog() {
        return settings.dataType() == RedisSettings.DataType.LIST ? Optional.of(this::listLength) : Optional.empty();
    }

    /** The length of the list, for congestion checks and tests; 0 in channel mode. */
    public long listLength() {
        if (settings.dataType() != RedisSettings.DataType.LIST) {
            return 0;
        }
        long deadline = deadline();
        try {
            return link.llen(key, deadline);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    private long deadline() {
        if (closed) {
            throw new TransportException(describe() + ": transport is closed");
        }
        return System.nanoTime() + settings.timeout().toNanos();
    }

    private TransportException failure(Exception error) {
        boolean atConnect = !link.answered();
        link.reset();
        if (error instanceof TimeoutException) {
            return new TransportException(describe() + ": no reply within " + Durations.shown(settings.timeout()));
        }
        if (error instanceof InterruptedException || error instanceof java.nio.channels.ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new TransportException(describe() + ": interrupted while waiting for Redis");
        }
        return new TransportException(describe() + ": " + RedisErrors.explain(error, tls, atConnect), error);
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String destination() {
        return settings.destination();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        link.close();
    }
}
