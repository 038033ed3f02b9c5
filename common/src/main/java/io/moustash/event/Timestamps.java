package io.moustash.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** logstash's {@code @timestamp}: ISO-8601 in UTC with milliseconds, {@code 2014-05-25T17:01:33.062Z}. */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    /**
     * The text of the last second formatted. Events come in bursts within the same second (panpan
     * --stdin sends hundreds of thousands a second), and DateTimeFormatter costs more than the rest
     * of the envelope, so only the milliseconds are written per event. Immutable, so sharing it
     * between threads through a plain field is safe: a stale value is only a cache miss.
     */
    private record Second(long epochSecond, String text) {
    }

    private static Second last = new Second(0, SECONDS.format(Instant.EPOCH));

    private Timestamps() {
    }

    public static String format(Instant instant) {
        Second second = last;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new Second(instant.getEpochSecond(), SECONDS.format(Instant.ofEpochSecond(instant.getEpochSecond())));
            last = second;
        }
        int millis = instant.getNano() / 1_000_000;
        return second.text() + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10) + (char) ('0' + millis % 10) + 'Z';
    }
}
