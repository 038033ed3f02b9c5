package io.moustash.delivery;

import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.Parsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The {@code [moustash]} options of delivery: the queue, reconnecting, the spool and congestion. */
public final class DeliveryOptions {
    public static final long DEFAULT_SPOOL_MAX_BYTES = 256L * 1024 * 1024;

    public static final Option<Path> SPOOL_DIR = Option.of("spool_dir", Parsers.path(), null,
            "Directory of the local spool, where events wait while the broker is away; shared safely by every "
                    + "Moustash process. Default: $MOUSTASH_SPOOL_DIR if set, else /var/spool/moustash when writable, else $XDG_STATE_HOME/moustash "
                    + "or ~/.local/state/moustash.");
    public static final Option<Long> SPOOL_MAX_BYTES = Option.of("spool_max_bytes",
            Parsers.longInteger(64L * 1024, Long.MAX_VALUE / 2), DEFAULT_SPOOL_MAX_BYTES,
            "Size cap of the spool directory in bytes; at the cap the oldest events are dropped, and one event "
                    + "reports how many and between which times once delivery resumes.");
    public static final Option<Long> CONGESTION_THRESHOLD = Option.of("redis_congestion_threshold",
            Parsers.longInteger(0, Long.MAX_VALUE), 0L,
            "Redis list mode: stop pushing while the list holds this many events (logstash is not consuming) and "
                    + "spool locally instead; 0 turns the guard off. Like logstash's redis output congestion_threshold.");
    public static final Option<Duration> CONGESTION_INTERVAL = Option.of("redis_congestion_interval",
            Parsers.seconds(), Duration.ofSeconds(1),
            "Seconds between two checks of the list length while it is over redis_congestion_threshold.");
    public static final Option<Integer> QUEUE_SIZE = Option.of("delivery_queue_size", Parsers.integer(1, 1_000_000),
            10_000, "Events held in memory on their way to the broker; when it is full, new events go to the spool "
                    + "instead of making the tool wait.");
    public static final Option<Integer> BATCH_SIZE = Option.of("delivery_batch_size", Parsers.integer(1, 100_000),
            1000, "Most events sent in one round trip to the broker.");
    public static final Option<Duration> RECONNECT_DELAY = Option.of("reconnect_delay", Parsers.seconds(),
            Duration.ofMillis(200), "Seconds before the first reconnection attempt after the broker was lost; "
                    + "the delay doubles at each failure, with random jitter, up to reconnect_max_delay.");
    public static final Option<Duration> RECONNECT_MAX_DELAY = Option.of("reconnect_max_delay", Parsers.seconds(),
            Duration.ofSeconds(10), "Longest wait between two reconnection attempts.");
    public static final Option<Duration> CLOSE_TIMEOUT = Option.of("delivery_close_timeout", Parsers.seconds(),
            Duration.ofSeconds(5), "Seconds a tool waits, when it stops, for queued events to reach the broker; "
                    + "what is still undelivered then stays in the spool for the next run.");
    public static final Option<Boolean> EVENT_ID = Option.of("event_id", Parsers.bool(), true,
            "Give every event sent to Redis or RabbitMQ a unique id (ECS event.id, legacy event_id) so that consumers can drop the duplicates "
                    + "at-least-once delivery may produce.");

    public static final List<Option<?>> ALL = List.of(SPOOL_DIR, SPOOL_MAX_BYTES, CONGESTION_THRESHOLD,
            CONGESTION_INTERVAL, QUEUE_SIZE, BATCH_SIZE, RECONNECT_DELAY, RECONNECT_MAX_DELAY, CLOSE_TIMEOUT, EVENT_ID);

    private DeliveryOptions() {
    }

    public static DeliverySettings settings(OptionValues values) {
        Duration min = values.get(RECONNECT_DELAY);
        Duration max = values.get(RECONNECT_MAX_DELAY);
        return new DeliverySettings(values.get(SPOOL_DIR), values.get(SPOOL_MAX_BYTES),
                values.get(CONGESTION_THRESHOLD), values.get(CONGESTION_INTERVAL), values.get(QUEUE_SIZE),
                values.get(BATCH_SIZE), min, max.compareTo(min) < 0 ? min : max, values.get(CLOSE_TIMEOUT),
                values.get(EVENT_ID));
    }
}
