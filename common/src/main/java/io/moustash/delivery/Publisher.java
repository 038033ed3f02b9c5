package io.moustash.delivery;

import io.moustash.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What the tools hand their events to. It encodes each event once, in the configured shape, and
 * gets it to the broker.
 *
 * <p><b>Threads:</b> thread-safe; events from one thread leave in the order they were published.
 * <p><b>Blocking:</b> {@link #publish} does not wait for the broker; wait on the returned future
 * for as long as the caller may (Fouet answers supervisord only once it completes).
 * <p><b>Failure:</b> the future completes exceptionally with a
 * {@link io.moustash.transport.TransportException} only when the event could be kept nowhere.
 * <p><b>Closing:</b> the creator closes it, at JVM exit too: a publisher installs no shutdown hook
 * (the tools close theirs through {@link io.moustash.cli.Shutdown}, after the parts that feed it).
 * {@link #close} stops intake, waits a bounded time for accepted events to leave, closes the
 * transport, and is safe to call twice.
 */
public interface Publisher extends AutoCloseable {

    CompletableFuture<Delivery> publish(Event event);

    /**
     * Publishes {@code event} and waits for it to be delivered or spooled, for a caller that would
     * wait anyway (Fouet answers supervisord only then): the outcome of
     * {@code publish(event).get(timeout)}. An implementation may send on the caller's thread while
     * it has nothing else to send, saving the hand-offs to and from its own thread; the wait is then
     * bounded by the transport's timeout when that is the longer one.
     *
     * @throws ExecutionException when the event could be kept nowhere (its cause says why)
     * @throws TimeoutException when it was neither delivered nor spooled in time
     */
    default Delivery publishAndWait(Event event, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return publish(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The longest a caller waits for the future of an event it publishes now, derived from the
     * broker's timeout: once that is over the event is delivered, on disk, or failed. A one-shot
     * tool waits this long at most, then closes the publisher, which keeps the event on disk.
     */
    Duration longestWait();

    /**
     * Intake for a producer that has many events at hand and may wait for the broker
     * ({@code panpan --stdin}): the publisher groups them by its batch size and bounds what waits
     * (see {@link StreamIntake}).
     *
     * @param what what the producer's numbers count ({@code "line"}), for warnings
     * @param warnings takes one line for each event refused as too large
     */
    default StreamIntake stream(String what, Consumer<String> warnings) {
        return new StreamIntake(this, DeliveryOptions.BATCH_SIZE.defaultValue(), what, warnings);
    }

    /** Publishes {@code events} in order; the future completes when all of them have. */
    default CompletableFuture<Delivery> publishAll(List<Event> events) {
        CompletableFuture<Delivery> all = CompletableFuture.completedFuture(Delivery.DELIVERED);
        for (Event event : events) {
            CompletableFuture<Delivery> one = publish(event);
            all = all.thenCombine(one, (a, b) -> a == Delivery.SPOOLED || b == Delivery.SPOOLED
                    ? Delivery.SPOOLED : Delivery.DELIVERED);
        }
        return all;
    }

    /**
     * After {@link #close}: whether events this publisher spooled, or took over from earlier runs,
     * are still on disk, waiting for a later run. A one-shot tool whose event was
     * {@link Delivery#SPOOLED} says so only then: the backlog may have drained while it closed.
     */
    default boolean keptInSpool() {
        return false;
    }

    /**
     * Why the broker is not taking events now, as the one line of its last failure (for example
     * {@code redis 127.0.0.1:6379: authentication failed: wrong password (redis_password)}), or
     * empty while it is. A tool whose events were {@link Delivery#SPOOLED} says this on stderr, so
     * that a refusal retrying cannot mend (a password, a certificate) is seen at once.
     */
    default Optional<String> outage() {
        return Optional.empty();
    }

    @Override
    void close();
}
