package io.moustash.transport.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.TrustEverythingTrustManager;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import io.moustash.common.Durations;
import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import io.moustash.transport.amqp.AmqpErrors.Declaration;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Publishes documents to a RabbitMQ exchange with amqp-client: content type
 * {@value #CONTENT_TYPE}, the configured delivery mode, the routing key, {@code mandatory} set, and
 * publisher confirms. {@link #send} returns only once the broker confirmed every document of the
 * batch; a nack, a document no queue took (returned as unroutable), a closed channel or the
 * timeout throws {@link TransportException}, and the caller keeps the batch.
 *
 * <p>On (re)connecting it declares the exchange, the queue and the binding when
 * {@code rabbitmq_declare} is on, as the original Moustash did, so a logstash rabbitmq input
 * reading that queue receives every event.
 *
 * <p>amqp-client's automatic recovery is off, as Lettuce's auto-reconnect is for Redis: a recovery
 * thread would sleep and retry behind the delivery layer's back, and confirms of a recovered
 * channel restart their numbering. Instead a failure drops the connection and the next
 * {@link #send} connects again, trying the addresses in the configured order.
 */
public final class AmqpTransport implements Transport {
    static final String CONTENT_TYPE = "application/json";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RabbitSettings settings;
    private final AmqpErrors errors;
    private final ConnectionFactory factory;
    private final AMQP.BasicProperties properties;
    private final AtomicInteger unroutable = new AtomicInteger();
    private Connection connection;
    private Channel channel;
    /**
     * The broker said it blocks publishers on this connection (a memory or disk alarm): it stops
     * reading, so a publish could wait for as long as the alarm lasts. Set by amqp-client's thread.
     */
    private volatile String blockedBecause;
    private volatile boolean closed;

    /**
     * Prepares the connection (TLS files are read here) without touching the network.
     *
     * @throws MoustashException (exit 78) when a TLS file cannot be used
     */
    public AmqpTransport(RabbitSettings settings) {
        this.settings = settings;
        this.errors = new AmqpErrors(settings);
        this.factory = factory(settings);
        this.properties = new AMQP.BasicProperties.Builder()
                .contentType(CONTENT_TYPE).deliveryMode(settings.deliveryMode()).build();
    }

    private static ConnectionFactory factory(RabbitSettings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        // amqp-client tries each address with the whole connection timeout: share rabbitmq_timeout
        // among them, so that a send with every host down still fails within it.
        int perAddress = Math.max(1, timeout / Math.max(1, settings.addresses().size()));
        factory.setVirtualHost(settings.vhost());
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        factory.setConnectionTimeout(perAddress);
        factory.setHandshakeTimeout(perAddress);
        factory.setChannelRpcTimeout(timeout);
        factory.setShutdownTimeout(Math.min(timeout, 1000));
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setThreadFactory(daemonThreads());
        factory.setExceptionHandler(new QuietDriverErrors());
        if (settings.tls().enabled()) {
            factory.useSslProtocol(sslContext(settings));
            if (settings.tls().verify()) {
                factory.enableHostnameVerification();
            }
        }
        return factory;
    }

    private static SSLContext sslContext(RabbitSettings settings) {
        TrustManagerFactory trust = settings.tls().trustManagers();
        KeyManagerFactory keys = settings.tls().keyManagers();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? new KeyManager[0] : keys.getKeyManagers(),
                    trust == null ? new TrustManager[] {new TrustEverythingTrustManager()} : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new MoustashException(ExitCode.CONFIG, "rabbitmq_ssl: cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * amqp-client logs a warning with a stack trace when the broker drops the socket; the
     * transport already reports that failure to its caller in one line, so the log stays quiet.
     */
    private static final class QuietDriverErrors extends DefaultExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
            // reported by the next send as a TransportException
        }
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "moustash-amqp-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void send(List<byte[]> documents) {
        if (documents.isEmpty()) {
            return;
        }
        // One timeout for the whole send, connecting included, as Transport promises.
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Channel ch = channel();
        String blocked = blockedBecause;
        if (blocked != null) {
            // Fail at once rather than write into a socket the broker no longer reads.
            throw new TransportException(describe() + ": the broker blocks publishing (" + blocked
                    + "); events wait in the spool until the alarm clears");
        }
        unroutable.set(0);
        try {
            for (byte[] document : documents) {
                ch.basicPublish(settings.exchange(), settings.key(), true, properties, document);
            }
            // Not waitForConfirmsOrDie: on a timeout it closes the channel and waits for a reply that
            // a blocked connection never sends. The connection is aborted below instead.
            if (!ch.waitForConfirms(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))) {
                dropConnection();
                throw new TransportException(describe() + ": the broker refused (nacked) the events");
            }
        } catch (TimeoutException e) {
            dropConnection();
            String blockedNow = blockedBecause;
            throw new TransportException(describe() + ": the broker did not confirm " + documents.size()
                    + " event(s) within " + Durations.shown(settings.timeout())
                    + (blockedNow == null ? "" : " (it blocks publishing: " + blockedNow + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropConnection();
            throw new TransportException(describe() + ": interrupted while waiting for confirmation");
        } catch (IOException | ShutdownSignalException e) {
            dropConnection();
            String why = unroutable.get() > 0 ? unroutable(documents.size())
                    : e.getMessage() != null && e.getMessage().contains("nack")
                            ? "the broker refused (nacked) the events" : errors.explain(e, null);
            throw new TransportException(describe() + ": " + why, e);
        }
        if (unroutable.get() > 0) {
            throw new TransportException(describe() + ": " + unroutable(documents.size()));
        }
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    private String unroutable(int batch) {
        return unroutable.get() + " of " + batch + " event(s) reached no queue: nothing is bound to exchange '"
                + settings.exchange() + "' with key '" + settings.key() + "' (bind a queue, or set rabbitmq_declare = 1)";
    }

    private Channel channel() {
        if (closed) {
            throw new TransportException(describe() + ": transport is closed");
        }
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        dropConnection();
        Declaration step = null;
        try {
            connection = factory.newConnection(null, inOrder(settings.addresses()), "moustash");
            blockedBecause = null;
            connection.addBlockedListener(reason -> blockedBecause = reason, () -> blockedBecause = null);
            channel = connection.createChannel();
            if (settings.declare()) {
                step = Declaration.EXCHANGE;
                channel.exchangeDeclare(settings.exchange(), settings.exchangeType(), settings.exchangeDurable());
                step = Declaration.QUEUE;
                channel.queueDeclare(settings.queue(), settings.queueDurable(), false, false, null);
                step = Declaration.BINDING;
                channel.queueBind(settings.queue(), settings.exchange(), settings.key());
                step = null;
            }
            channel.confirmSelect();
            channel.addReturnListener(returned -> unroutable.incrementAndGet());
            return channel;
        } catch (IOException | TimeoutException | RuntimeException e) {
            dropConnection();
            throw new TransportException(describe() + ": " + errors.explain(e, step), e);
        }
    }

    /** amqp-client shuffles an address list by default; a cluster list here means "first that answers". */
    private static AddressResolver inOrder(List<Address> addresses) {
        return new AddressResolver() {
            @Override
            public List<Address> getAddresses() {
                return addresses;
            }

            @Override
            public List<Address> maybeShuffle(List<Address> input) {
                return input;
            }
        };
    }

    private void dropConnection() {
        channel = null;
        if (connection != null) {
            connection.abort((int) Math.min(1000, settings.timeout().toMillis()));
            connection = null;
        }
    }

    @Override
    public String destination() {
        return settings.destination();
    }

    @Override
    public String describe() {
        return "rabbitmq " + settings.address();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Read once: a send may be running on another thread (see Transport#close).
        Connection open = connection;
        connection = null;
        channel = null;
        if (open != null) {
            try {
                open.close((int) Math.min(2000, settings.timeout().toMillis()));
            } catch (IOException | RuntimeException e) {
                open.abort(1000);
            }
        }
    }
}
