package io.moustash.panpan;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --dry-run}: prints each event's JSON document, one per line, on the command's stdout and
 * sends nothing, so no broker and no transport are ever touched. Thread-safe.
 */
final class DryRunPublisher implements Publisher {
    private final EventEncoder encoder;
    private final PrintWriter out;

    DryRunPublisher(EventEncoder encoder, PrintWriter out) {
        this.encoder = encoder;
        this.out = out;
    }

    @Override
    public synchronized CompletableFuture<Delivery> publish(Event event) {
        out.println(new String(encoder.encode(event), StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(Delivery.DELIVERED);
    }

    @Override
    public Duration longestWait() {
        return Duration.ZERO;
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
