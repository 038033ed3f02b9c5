package io.moustash.delivery;

import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends each event straight to the transport on the caller's thread: nothing is queued and nothing
 * is spooled, so a failure reaches the caller at once.
 */
public final class DirectPublisher implements Publisher {
    private final Transport transport;
    private final EventEncoder encoder;
    private final AtomicBoolean closed = new AtomicBoolean();

    public DirectPublisher(Transport transport, EventEncoder encoder) {
        this.transport = transport;
        this.encoder = encoder;
    }

    @Override
    public synchronized CompletableFuture<Delivery> publish(Event event) {
        return publishAll(List.of(event));
    }

    @Override
    public synchronized CompletableFuture<Delivery> publishAll(List<Event> events) {
        try {
            List<byte[]> documents = new ArrayList<>(events.size());
            for (Event event : events) {
                documents.add(encoder.encode(event));
            }
            transport.send(documents);
            return CompletableFuture.completedFuture(Delivery.DELIVERED);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #publish} sends before it returns: its future is complete by then. */
    @Override
    public Duration longestWait() {
        return Duration.ZERO;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }
}
