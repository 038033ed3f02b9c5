package io.moustash.panpan;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --dry-run}: prints each event's JSON document, one per line, on the command's stdout and
 * sends nothing, so no broker and no transport are ever touched. Like the real publishers it
 * encodes every event of a batch before printing any: an event refused as too large
 * ({@link io.moustash.event.EventTooLargeException}) leaves nothing of its batch printed. Thread-safe.
 */
final class DryRunPublisher implements Publisher {
    private static final int SMALL_DOCUMENT = 64 * 1024;
    private final EventEncoder encoder;
    private final PrintWriter out;

    DryRunPublisher(EventEncoder encoder, PrintWriter out) {
        this.encoder = encoder;
        this.out = out;
    }

    @Override
    public synchronized CompletableFuture<Delivery> publish(Event event) {
        print(encoder.encode(event));
        return CompletableFuture.completedFuture(Delivery.DELIVERED);
    }

    @Override
    public Duration longestWait() {
        return Duration.ZERO;
    }

    @Override
    public synchronized CompletableFuture<Delivery> publishAll(List<Event> events) {
        List<byte[]> documents = new ArrayList<>(events.size());
        for (Event event : events) {
            documents.add(encoder.encode(event));
        }
        documents.forEach(this::print);
        return CompletableFuture.completedFuture(Delivery.DELIVERED);
    }

    /** A large document is decoded a few kilobytes at a time, never copied whole into a String. */
    private void print(byte[] document) {
        if (document.length <= SMALL_DOCUMENT) {
            out.println(new String(document, StandardCharsets.UTF_8));
            return;
        }
        try {
            new InputStreamReader(new ByteArrayInputStream(document), StandardCharsets.UTF_8).transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}
