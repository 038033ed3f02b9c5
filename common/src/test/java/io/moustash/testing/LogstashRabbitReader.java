package io.moustash.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a queue the way logstash's rabbitmq input does: declares the queue (durable as configured,
 * not exclusive, not auto-delete), binds it to the exchange with the key, sets a prefetch of 256
 * and consumes with manual acknowledgements, acking each message once it has been taken.
 */
public final class LogstashRabbitReader implements AutoCloseable {
    /** logstash's rabbitmq input {@code prefetch_count} default. */
    public static final int PREFETCH = 256;

    /** One message as logstash receives it, with the properties its {@code @metadata} would show. */
    public record Message(String body, String contentType, Integer deliveryMode, String exchange, String routingKey) {
    }

    private final Connection connection;
    private final Channel channel;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    public LogstashRabbitReader(ConnectionFactory factory, String exchange, String queue, String key, boolean durable)
            throws Exception {
        connection = factory.newConnection("logstash-reader");
        channel = connection.createChannel();
        channel.queueDeclare(queue, durable, false, false, null);
        channel.queueBind(queue, exchange, key);
        channel.basicQos(PREFETCH);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                try {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                } catch (AlreadyClosedException e) {
                    return; // closing: the broker gives the unacknowledged message to the next reader
                }
                received.add(new Message(new String(body, StandardCharsets.UTF_8), properties.getContentType(),
                        properties.getDeliveryMode(), envelope.getExchange(), envelope.getRoutingKey()));
            }
        });
    }

    /** A factory for {@code url} (amqp://user:password@host:port/vhost). */
    public static ConnectionFactory factory(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        return factory;
    }

    /** The first {@code count} messages, waiting at most {@code timeout} for them all. */
    public List<Message> await(int count, Duration timeout) throws InterruptedException {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            Message next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("received " + messages.size() + " of " + count + " messages within " + timeout);
            }
            messages.add(next);
        }
        return messages;
    }

    /**
     * Every message taken until {@code count} have come or {@code timeout} has passed, then every
     * further one until none comes for {@code quiet}; fewer than {@code count} is not an error here.
     * Nothing this reader acknowledged is left out (it would be lost to the next reader), so a
     * caller sees the duplicates a queue holds too.
     */
    public List<Message> collect(int count, Duration timeout, Duration quiet) throws InterruptedException {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            Message next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            messages.add(next);
        }
        for (Message next = received.poll(quiet.toNanos(), TimeUnit.NANOSECONDS); next != null;
                next = received.poll(quiet.toNanos(), TimeUnit.NANOSECONDS)) {
            messages.add(next);
        }
        return messages;
    }

    /** The bodies of the first {@code count} messages. */
    public List<String> awaitBodies(int count, Duration timeout) throws InterruptedException {
        return await(count, timeout).stream().map(Message::body).toList();
    }

    /** Whether another message arrives within {@code wait}. */
    public boolean nothingMoreWithin(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() {
        try {
            connection.close(2000);
        } catch (IOException | RuntimeException e) {
            connection.abort(1000);
        }
    }
}
