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
import io.moustash.transport.tls.TlsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Redis commands through Lettuce, for what a plain socket does not cover: TLS (Lettuce's own
 * options, fed from the PEM files), Sentinel and Unix-socket {@code redis_url}s.
 *
 * <p>Lettuce is told not to help: no automatic reconnect and commands rejected while disconnected.
 * Its defaults would queue commands in memory without limit while Redis is away, where the spool
 * can never see them; here a failure surfaces at once and the delivery layer decides what to do.
 */
final class LettuceLink implements RedisLink {
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
    private final SslOptions ssl;
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private boolean answered;

    /**
     * Prepares the client without touching the network; TLS files are read here.
     *
     * @throws io.moustash.common.MoustashException (exit 78) when a TLS file cannot be used
     */
    LettuceLink(RedisSettings settings) {
        this.settings = settings;
        this.ssl = sslOptions(settings.effectiveTls());
    }

    @Override
    public void rpush(byte[] key, List<byte[]> values, long deadline) throws Exception {
        await(List.of(connect().async().rpush(key, values.toArray(new byte[0][]))), deadline);
    }

    @Override
    public void publish(byte[] channel, List<byte[]> messages, long deadline) throws Exception {
        RedisAsyncCommands<byte[], byte[]> commands = connect().async();
        List<RedisFuture<Long>> replies = new ArrayList<>(messages.size());
        for (byte[] message : messages) {
            replies.add(commands.publish(channel, message));
        }
        await(replies, deadline);
    }

    @Override
    public long llen(byte[] key, long deadline) throws Exception {
        RedisFuture<Long> length = connect().async().llen(key);
        await(List.of(length), deadline);
        return length.get();
    }

    /** Waits for every reply; an {@link ExecutionException} is unwrapped to Lettuce's own cause. */
    private void await(List<RedisFuture<Long>> replies, long deadline) throws Exception {
        try {
            for (RedisFuture<Long> reply : replies) {
                reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            answered = true;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private StatefulRedisConnection<byte[], byte[]> connect() {
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        reset();
        if (client == null) {
            resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
            client = RedisClient.create(resources);
            client.setOptions(clientOptions(settings.timeout(), ssl));
        }
        connection = client.connect(ByteArrayCodec.INSTANCE, settings.uri());
        return connection;
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

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public void reset() {
        answered = false;
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            client = null;
        }
    }
}
