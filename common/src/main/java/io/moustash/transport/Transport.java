package io.moustash.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends encoded events to one broker. This is the whole contract between delivery and a broker:
 * the delivery layer owns queueing, retry, backoff and the spool; a transport only tries once and
 * reports.
 *
 * <p><b>Threads:</b> not thread-safe. One delivering thread calls {@link #send} at a time.
 * <p><b>Blocking:</b> {@link #send} blocks until the broker has taken the documents (for RabbitMQ:
 * confirmed them) or until the transport's timeout, never longer. It connects on first use and
 * after a failure, so a transport can be created while the broker is down.
 * <p><b>Failure:</b> {@link TransportException} with a one-line message naming the broker; the
 * documents of a failed call may or may not have arrived (at-least-once), and the caller keeps them.
 * <p><b>Closing:</b> the creator closes it; {@link #close} is idempotent and does not throw. It is
 * the one call another thread may make while {@link #send} blocks (a publisher giving up on a stuck
 * send at exit), and it makes that send fail promptly.
 */
public interface Transport extends AutoCloseable {

    /** Sends {@code documents}, each one JSON document in UTF-8, in order, in as few round trips as the broker allows. */
    void send(List<byte[]> documents);

    /**
     * The longest one {@link #send} may block: the broker's configured timeout
     * ({@code redis_timeout}, {@code rabbitmq_timeout}). Delivery derives every wait of its own from it.
     */
    Duration timeout();

    /** Where this transport sends, for messages: {@code redis 127.0.0.1:6379 list logstash:moustash}. No secrets. */
    String describe();

    /**
     * The identity of where events go, written in the header of each spool file so that a spooled
     * event is delivered only by a tool that sends to the same place: the transport, its
     * address(es), and for Redis the database, data type and key, for RabbitMQ the virtual host,
     * exchange and routing key. Never a password, a user name or TLS settings: changing a password
     * or a certificate keeps the destination (and the spooled events); changing the key does not.
     * Stable for the transport's life; cheap; does not touch the network.
     */
    String destination();

    /**
     * A destination that holds events until logstash takes them (a Redis list) and can say how
     * many wait there: the publisher's congestion guard asks it. Empty for destinations that keep
     * nothing (a Redis channel, an exchange, stdout).
     */
    default Optional<Backlog> backlog() {
        return Optional.empty();
    }

    /** How many events wait at the destination; one round trip, bounded by the transport's timeout. */
    @FunctionalInterface
    interface Backlog {
        /** @throws TransportException when the broker cannot say */
        long length();
    }

    @Override
    void close();
}
