package io.moustash.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void sameTextAsTheFullFormatterAcrossSecondsAndMilliseconds() {
        Random random = new Random(42);
        Instant base = Instant.parse("2014-05-25T17:01:33.062Z");
        for (int i = 0; i < 10_000; i++) {
            // Mostly nearby instants, as in a burst, with jumps to exercise the cache miss.
            Instant instant = i % 100 == 0
                    ? Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000))
                    : base.plusNanos(random.nextInt(3_000_000) * 1000L);
            assertEquals(REFERENCE.format(instant), Timestamps.format(instant), instant.toString());
        }
        assertEquals("1970-01-01T00:00:00.000Z", Timestamps.format(Instant.EPOCH));
        assertEquals("2024-05-25T17:01:33.999Z", Timestamps.format(Instant.parse("2024-05-25T17:01:33.999999999Z")));
    }
}
