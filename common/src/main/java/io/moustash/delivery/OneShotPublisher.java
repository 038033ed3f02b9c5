package io.moustash.delivery;

import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.spool.Spool;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * The publisher of a tool that publishes one event and exits (PanPan's one-shot). When the spool
 * directory holds no spool file (one directory listing, {@link Spool#holdsNoFile}: nothing left by
 * earlier runs, or by another process now, to deliver first) and the broker takes the event at the
 * first try, it is sent on the caller's thread: no spool opened, no lock file, no thread started.
 * In every other case (a spool file of any process or destination, a failed send, the Redis list
 * at {@code redis_congestion_threshold}) the event goes to a
 * {@link ReliablePublisher} made then over the same transport, which delivers the spool first,
 * oldest first, and keeps the event on disk when the broker does not take it: the same guarantees,
 * by the same code, as when a one-shot opened the reliable publisher from the start. After a failed
 * first try the event goes to it as if its own send had failed
 * ({@link ReliablePublisher#publishAfterFailedSend}): to the spool at once, and a broker that does
 * not answer is not waited for twice.
 *
 * <p>The event gets its {@code event.id} before the first try, so that a retry by the reliable
 * publisher (the first send may have reached the broker: at-least-once) carries the same id.
 * <p><b>Threads:</b> {@link #publish} and {@link #close} are synchronized: a close from the JVM's
 * shutdown hook (SIGTERM) waits for a send under way (bounded by the broker's timeout) and for its
 * hand-over to the reliable publisher, then closes that one, which keeps the event on disk.
 */
public final class OneShotPublisher implements Publisher {
    private final Transport transport;
    private final EventEncoder encoder;
    private final Path spoolDirectory;
    private final long spoolMaxBytes;
    private final DeliverySettings settings;
    private final EventIds ids = new EventIds();
    // Guarded by this:
    private ReliablePublisher reliable;
    private boolean closed;

    /** Owns {@code transport} (and the spool, once opened) and closes them. */
    public OneShotPublisher(Transport transport, EventEncoder encoder, Path spoolDirectory, DeliverySettings settings) {
        this.transport = transport;
        this.encoder = encoder;
        this.spoolDirectory = spoolDirectory;
        this.spoolMaxBytes = settings.spoolMaxBytes();
        this.settings = settings;
    }

    @Override
    public synchronized CompletableFuture<Delivery> publish(Event event) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(transport.describe() + ": the publisher is closed"));
        }
        Event identified = ids.identified(event, settings);
        if (reliable == null) {
            byte[] document = encoder.encode(identified); // too large: thrown here, as the reliable publisher does
            TransportException failure = null;
            if (Spool.holdsNoFile(spoolDirectory)) {
                try {
                    if (roomForOne()) {
                        transport.send(List.of(document));
                        return CompletableFuture.completedFuture(Delivery.DELIVERED);
                    }
                } catch (TransportException e) {
                    // The reliable publisher takes it as its own failed send: it spools the event at
                    // once (a broker that does not answer is not waited for twice), says why, and
                    // tries again after its backoff.
                    failure = e;
                }
            }
            reliable = openReliable();
            if (failure != null) {
                return reliable.publishAfterFailedSend(identified, failure);
            }
        }
        return reliable.publish(identified);
    }

    /** The congestion guard's answer for one event, as the drain asks it (LLEN, which may fail). */
    private boolean roomForOne() {
        CongestionGuard guard = Publishers.congestionGuard(transport, settings);
        return guard == null || guard.room(1) >= 1;
    }

    private ReliablePublisher openReliable() {
        Spool spool = Spool.open(spoolDirectory, transport.destination(), spoolMaxBytes,
                LoggerFactory.getLogger(ReliablePublisher.LOGGER_NAME)::warn);
        return Publishers.reliable(transport, encoder, spool, settings);
    }

    @Override
    public synchronized Duration longestWait() {
        return reliable != null ? reliable.longestWait() : Duration.ZERO;
    }

    @Override
    public synchronized boolean keptInSpool() {
        return reliable != null && reliable.keptInSpool();
    }

    @Override
    public synchronized Optional<String> outage() {
        return reliable != null ? reliable.outage() : Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reliable != null) {
            reliable.close();
        } else {
            transport.close();
        }
    }
}
