package io.moustash.delivery;

import java.util.function.LongSupplier;

/**
 * Keeps a Redis list from growing past {@code redis_congestion_threshold} while logstash does not
 * consume it. Rather than asking for the length before every push (one more round trip each), it
 * counts what it pushed since the last LLEN and asks again only when that count could reach the
 * threshold; the list therefore never holds more than the threshold because of Moustash.
 * Not thread-safe; it belongs to whichever thread is in the {@link Drain}.
 */
final class CongestionGuard {
    private final LongSupplier backlog;
    private final long threshold;
    private long estimate = -1;

    /** @param backlog the list's length (LLEN); throws a TransportException when Redis is away */
    CongestionGuard(LongSupplier backlog, long threshold) {
        this.backlog = backlog;
        this.threshold = threshold;
    }

    /** How many of {@code wanted} events may be pushed now; 0 while the list is at the threshold. */
    int room(int wanted) {
        if (estimate >= 0 && estimate + wanted <= threshold) {
            return wanted;
        }
        estimate = backlog.getAsLong();
        return (int) Math.max(0, Math.min(wanted, threshold - estimate));
    }

    void pushed(int count) {
        if (estimate >= 0) {
            estimate += count;
        }
    }

    /** After a failure the length is unknown: ask next time. */
    void forget() {
        estimate = -1;
    }

    long threshold() {
        return threshold;
    }

    long lastLength() {
        return estimate;
    }
}
