package io.moustash.fouet.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotifyThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");

    @Test
    void oneNotificationPerIntervalAndKeyCountingTheRest() {
        NotifyThrottle throttle = new NotifyThrottle(Duration.ofSeconds(60));
        assertEquals(new NotifyThrottle.Verdict.Notify(0, Duration.ZERO), throttle.admit("g:w crash", T0));
        assertInstanceOf(NotifyThrottle.Verdict.Hold.class, throttle.admit("g:w crash", T0.plusSeconds(59)));
        assertEquals(new NotifyThrottle.Verdict.Notify(0, Duration.ZERO), throttle.admit("g:w fatal", T0.plusSeconds(59)),
                "another state of the same process is another key");
        assertEquals(new NotifyThrottle.Verdict.Notify(1, Duration.ofSeconds(60)),
                throttle.admit("g:w crash", T0.plusSeconds(60)), "the interval is inclusive of its end");
        assertEquals(new NotifyThrottle.Verdict.Notify(0, Duration.ofSeconds(200)),
                throttle.admit("g:w crash", T0.plusSeconds(260)));
    }

    @Test
    void memoryIsBoundedByForgettingTheKeyHeardFromLeastRecently() {
        NotifyThrottle throttle = new NotifyThrottle(Duration.ofHours(1));
        for (int i = 0; i <= NotifyThrottle.MAX_KEYS; i++) {
            throttle.admit("g:p" + i + " crash", T0);
        }
        assertEquals(new NotifyThrottle.Verdict.Notify(0, Duration.ZERO), throttle.admit("g:p0 crash", T0),
                "forgotten: notifies as a new process would");
        assertInstanceOf(NotifyThrottle.Verdict.Hold.class, throttle.admit("g:p" + NotifyThrottle.MAX_KEYS + " crash", T0));
    }

    @Test
    void zeroLetsEverythingThrough() {
        NotifyThrottle throttle = new NotifyThrottle(Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(NotifyThrottle.Verdict.Notify.class, throttle.admit("g:w crash", T0));
        }
    }
}
