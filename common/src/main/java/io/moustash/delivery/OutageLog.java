package io.moustash.delivery;

import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher's log of outages: one line when the broker is lost or logstash stops consuming,
 * one when delivery is back with the number of spooled events delivered meanwhile; never one per
 * attempt.
 *
 * <p><b>Threads:</b> not thread-safe, no lock of its own: it belongs to whichever thread is in the
 * {@link Drain} (one at a time). {@link #current} alone may be read by any thread.
 */
final class OutageLog {
    /** The publisher's log name, so that the lines read the same whichever class writes them. */
    private static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.LOGGER_NAME);

    private final Transport transport;
    private final Path spoolDirectory;
    private boolean reportedDown;
    private String downReason = "broker";
    private long deliveredSinceDown;
    /** The last failure's line while delivery is down; read by any thread. */
    private volatile String current;

    OutageLog(Transport transport, Path spoolDirectory) {
        this.transport = transport;
        this.spoolDirectory = spoolDirectory;
    }

    /** A send failed; logs only when delivery was not already down. */
    void unreachable(TransportException cause) {
        current = cause.getMessage();
        if (!reportedDown) {
            reportedDown = true;
            downReason = "broker";
            deliveredSinceDown = 0;
            LOG.warn("broker unreachable, spooling to {}: {}", spoolDirectory, cause.getMessage());
        }
    }

    /** The Redis list is at the threshold; logs only when delivery was not already down. */
    void congested(CongestionGuard guard) {
        current = transport.describe() + ": the list is at redis_congestion_threshold, logstash is not consuming";
        if (!reportedDown) {
            reportedDown = true;
            downReason = "congestion";
            deliveredSinceDown = 0;
            LOG.warn("{}: list holds {} events, redis_congestion_threshold is {}: logstash is not consuming, "
                    + "spooling to {}", transport.describe(), guard.lastLength(), guard.threshold(), spoolDirectory);
        }
    }

    /** The last failure's line while delivery is down, else empty. */
    Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** {@code count} spooled events reached the broker. */
    void delivered(int count) {
        deliveredSinceDown += count;
    }

    /** This process's spool is empty and the broker takes events: logs only after a lost line. */
    void back() {
        current = null;
        if (reportedDown) {
            reportedDown = false;
            LOG.info("{} back, {} spooled events delivered", downReason.equals("broker") ? "broker" : "congestion over,"
                    + " broker", deliveredSinceDown);
        }
    }
}
