package io.moustash.delivery;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How events are delivered, as read from {@code [moustash]} (see {@link DeliveryOptions} for each
 * meaning).
 *
 * @param spoolDir {@code null} for the default directory
 * @param congestionThreshold 0 when the Redis congestion guard is off
 */
public record DeliverySettings(Path spoolDir, long spoolMaxBytes, long congestionThreshold,
        Duration congestionInterval, int queueSize, int batchSize, Duration reconnectDelay,
        Duration reconnectMaxDelay, Duration closeTimeout, boolean eventIds) {

    /** The defaults, spooling to {@code spoolDir}; for tests and embedding. */
    public static DeliverySettings defaults(Path spoolDir) {
        return new DeliverySettings(spoolDir, DeliveryOptions.DEFAULT_SPOOL_MAX_BYTES, 0,
                DeliveryOptions.CONGESTION_INTERVAL.defaultValue(), DeliveryOptions.QUEUE_SIZE.defaultValue(),
                DeliveryOptions.BATCH_SIZE.defaultValue(), DeliveryOptions.RECONNECT_DELAY.defaultValue(),
                DeliveryOptions.RECONNECT_MAX_DELAY.defaultValue(), DeliveryOptions.CLOSE_TIMEOUT.defaultValue(),
                true);
    }

    public DeliverySettings withSpoolMaxBytes(long bytes) {
        return new DeliverySettings(spoolDir, bytes, congestionThreshold, congestionInterval, queueSize, batchSize,
                reconnectDelay, reconnectMaxDelay, closeTimeout, eventIds);
    }

    public DeliverySettings withCongestion(long threshold, Duration interval) {
        return new DeliverySettings(spoolDir, spoolMaxBytes, threshold, interval, queueSize, batchSize,
                reconnectDelay, reconnectMaxDelay, closeTimeout, eventIds);
    }

    public DeliverySettings withQueue(int size, int batch) {
        return new DeliverySettings(spoolDir, spoolMaxBytes, congestionThreshold, congestionInterval, size, batch,
                reconnectDelay, reconnectMaxDelay, closeTimeout, eventIds);
    }

    public DeliverySettings withReconnect(Duration delay, Duration maxDelay) {
        return new DeliverySettings(spoolDir, spoolMaxBytes, congestionThreshold, congestionInterval, queueSize,
                batchSize, delay, maxDelay, closeTimeout, eventIds);
    }

    public DeliverySettings withCloseTimeout(Duration timeout) {
        return new DeliverySettings(spoolDir, spoolMaxBytes, congestionThreshold, congestionInterval, queueSize,
                batchSize, reconnectDelay, reconnectMaxDelay, timeout, eventIds);
    }
}
