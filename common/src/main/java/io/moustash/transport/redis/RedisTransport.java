package io.moustash.transport.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.moustash.common.Durations;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import io.moustash.transport.tls.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends documents to Redis with Lettuce: one multi-value RPUSH per batch in {@code list} mode, a
 * pipeline of PUBLISH in {@code channel} mode, exactly what logstash's redis input reads.
 *
 * <p>Lettuce is told not to help: no automatic reconnect and commands rejected while disconnected.
 * Its defaults would queue commands in memory without limit while Redis is away, where the spool
 * can never see them; here a failure surfaces at once and the delivery layer decides what to do.
 */
public final class RedisTransport implements Transport {
    /**
     * Lettuce records a JFR event per connection and command when JFR is present, which loads about
     * a hundred jdk.jfr classes into every tool (1.6 MiB of Fouet's idle memory, measured); off unless
     * the user sets the property.
     */
    static final String LETTUCE_JFR = "io.lettuce.core.jfr";

    static {
        if (System.getProperty(LETTUCE_JFR) == null) {
            System.setProperty(LETTUCE_JFR, "false");
        }
    }

    private final RedisSettings settings;
    private final byte[] key;
    private final SslOptions ssl;
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private boolean closed;

    /**
     * Prepares the client without touching the network; TLS files are read here.
     *
     * @throws io.moustash.common.MoustashException (exit 78) when a TLS file cannot be used
     */
    public RedisTransport(RedisSettings settings) {
        this.settings = settings;
        this.key = settings.namespace().getBytes(StandardCharsets.UTF_8);
        this.ssl = sslOptions(settings.effectiveTls());
    }

    @Override
    public void send(List<byte[]> documents) {
        if (documents.isEmpty()) {
            return;
        }
        RedisAsyncCommands<byte[], byte[]> commands = connect().async();
        List<RedisFuture<Long>> replies = new ArrayList<>();
        if (settings.dataType() == RedisSettings.DataType.LIST) {
            replies.add(commands.rpush(key, documents.toArray(new byte[0][])));
        } else {
            for (byte[] document : documents) {
                replies.add(commands.publish(key, document));
            }
        }
        await(replies);
    }

    /** The length of the list, for congestion checks and tests; 0 in channel mode. */
    public long backlog() {
        if (settings.dataType() != RedisSettings.DataType.LIST) {
            return 0;
        }
        RedisFuture<Long> length = connect().async().llen(key);
        await(List.of(length));
        return length.toCompletableFuture().getNow(0L);
    }

    private void await(List<RedisFuture<Long>> replies) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            for (RedisFuture<Long> reply : replies) {
                reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            dropConnection();
            throw new TransportException(describe() + ": no reply within " + Durations.shown(settings.timeout()));
        } catch (ExecutionException e) {
            dropConnection();
            throw new TransportException(describe() + ": " + RedisErrors.explain(e.getCause(), settings.effectiveTls()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropConnection();
            throw new TransportException(describe() + ": interrupted while waiting for Redis");
        }
    }

    private StatefulRedisConnection<byte[], byte[]> connect() {
        if (closed) {
            throw new TransportException(describe() + ": transport is closed");
        }
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        dropConnection();
        if (client == null) {
            resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
            client = RedisClient.create(resources);
            client.setOptions(clientOptions(settings.timeout(), ssl));
        }
        try {
            connection = client.connect(ByteArrayCodec.INSTANCE, settings.uri());
            return connection;
        } catch (RuntimeException e) {
            throw new TransportException(describe() + ": " + RedisErrors.explain(e, settings.effectiveTls()), e);
        }
    }

    static ClientOptions clientOptions(Duration timeout) {
        return clientOptions(timeout, SslOptions.create());
    }

    static ClientOptions clientOptions(Duration timeout, SslOptions ssl) {
        return ClientOptions.builder()
                .sslOptions(ssl)
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(10_000)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build();
    }

    /**
     * Lettuce's TLS set-up from the PEM files, read now so a bad file stops the tool before it
     * starts. Whether to verify the peer travels in the RedisURI, Lettuce's own switch.
     */
    static SslOptions sslOptions(TlsSettings tls) {
        SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
        if (!tls.enabled()) {
            return builder.build();
        }
        TrustManagerFactory trust = tls.trustManagers();
        if (trust != null) {
            builder.trustManager(trust);
        }
        KeyManagerFactory keys = tls.keyManagers();
        if (keys != null) {
            builder.keyManager(keys);
        }
        return builder.build();
    }

    private void dropConnection() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public String describe() {
        return "redis " + settings.address();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
