package io.moustash.cuir.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.testing.LoopbackTargets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {

    @Test
    void firstProbesAreSpreadEvenlyAcrossTheInterval() {
        Duration interval = Duration.ofSeconds(5);
        assertEquals(0, ProbeScheduler.firstDelayNanos(interval, 0, 4));
        assertEquals(Duration.ofMillis(1250).toNanos(), ProbeScheduler.firstDelayNanos(interval, 1, 4));
        assertEquals(Duration.ofMillis(3750).toNanos(), ProbeScheduler.firstDelayNanos(interval, 3, 4));
        assertTrue(ProbeScheduler.firstDelayNanos(interval, 9_999, 10_000) < interval.toNanos());
    }

    @Test
    void aFailingTargetIsProbedAtItsFailIntervalAndAHealthyOneAtItsInterval() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                ProbeEngine engine = new ProbeEngine(0, Duration.ofSeconds(5))) {
            ProbeSpec healthy = spec("up", targets.listening(), Duration.ofMillis(400), Duration.ofMillis(400));
            ProbeSpec failing = spec("down", LoopbackTargets.closedPort(), Duration.ofMillis(400), Duration.ofMillis(50));
            ConcurrentLinkedQueue<Observation> seen = new ConcurrentLinkedQueue<>();
            try (ProbeScheduler scheduler = new ProbeScheduler(List.of(healthy, failing), engine, seen::add, ZoneOffset.UTC)) {
                scheduler.start();
                Thread.sleep(1000);
            }
            long up = seen.stream().filter(o -> o.result().spec() == healthy).count();
            long down = seen.stream().filter(o -> o.result().spec() == failing).count();
            assertTrue(up >= 2 && up <= 4, "every 0.4 s for 1 s: " + up);
            assertTrue(down >= 8, "every 0.05 s while failing: " + down);
        }
    }

    private static ProbeSpec spec(String name, int port, Duration interval, Duration failInterval) {
        return new ProbeSpec(name, TcpCheck.connect(new Target("127.0.0.1", port)), "", Duration.ofMillis(300), interval,
                failInterval, 1, ActiveWindows.always(), List.of(), io.moustash.event.UserFields.NONE);
    }
}
