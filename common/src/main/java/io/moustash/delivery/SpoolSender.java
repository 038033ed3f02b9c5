package io.moustash.delivery;

import io.moustash.event.Event;
import io.moustash.spool.DropReport;
import io.moustash.spool.Spool;
import io.moustash.spool.SpoolBatch;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the spool holds: the report of what the cap dropped first, then the oldest batches,
 * each committed once the broker took it. A failed send throws its {@link TransportException}
 * and leaves the batch to be tried again; what follows is the publisher's state machine's call.
 *
 * <p><b>Threads:</b> used by whichever thread is in the {@link Drain}, one at a time, and not thread-safe;
 * it sends without holding the publisher's lock.
 */
final class SpoolSender {
    private static final long MAX_BATCH_BYTES = 4 * 1024 * 1024;
    /** The publisher's log name, so that the lines read the same whichever class writes them. */
    private static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.LOGGER_NAME);

    private final Transport transport;
    private final Spool spool;
    private final CongestionGuard guard;
    private final DeliverySettings settings;
    private final OutageLog outages;
    private final Function<Event, byte[]> encode;
    private SpoolBatch batch;

    /** @param guard the Redis congestion guard, or {@code null}; @param encode encodes the drop report */
    SpoolSender(Transport transport, Spool spool, CongestionGuard guard, DeliverySettings settings,
            OutageLog outages, Function<Event, byte[]> encode) {
        this.transport = transport;
        this.spool = spool;
        this.guard = guard;
        this.settings = settings;
        this.outages = outages;
        this.encode = encode;
    }

    /** Takes over spool files that earlier or dead processes left, and says so. */
    void claimOrphans() {
        int taken = spool.claimOrphans();
        if (taken > 0) {
            LOG.info("delivering {} spool file(s) left in {} by earlier runs", taken, spool.directory());
        }
    }

    /**
     * The oldest spooled batch, at most {@code max} documents: the one that failed last, until it is
     * sent; empty when nothing waits. A batch whose file the size cap dropped meanwhile is given up:
     * its events are counted in the drop report, and sending them after it would put the oldest
     * events behind the report that says they were dropped.
     */
    SpoolBatch next(int max) {
        if (batch == null || batch.isEmpty() || batch.orphaned()) {
            batch = spool.next(max, MAX_BATCH_BYTES);
        }
        return batch;
    }

    /** Sends {@code sending} (from {@link #next}) and commits it; tells the congestion guard either way. */
    void send(SpoolBatch sending) throws TransportException {
        try {
            transport.send(sending.documents());
        } catch (TransportException e) {
            if (guard != null) {
                guard.forget();
            }
            throw e;
        }
        if (guard != null) {
            guard.pushed(sending.size());
        }
        spool.commit(sending);
        batch = null;
        outages.delivered(sending.size());
    }

    /** Sends what the spool cap dropped as one event, before the events that survived it. */
    void sendDropReport() throws TransportException {
        // Read afresh at each attempt, so that drops made while the broker stayed away join one report.
        DropReport dropReport = spool.pendingDrops();
        if (dropReport == null) {
            return;
        }
        byte[] document = encode.apply(DropReports.event(dropReport, settings.spoolMaxBytes(), spool.directory()));
        transport.send(List.of(document));
        LOG.warn("reported {} events dropped from the spool (spool_max_bytes)", dropReport.count());
        spool.clearDrops();
    }
}
