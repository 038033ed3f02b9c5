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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
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
    void aChoreRunsOnTheTimerThreadEveryPeriodGoesOnAfterAThrowAndStopsAtClose() throws Exception {
        try (ProbeEngine engine = new ProbeEngine(0, Duration.ofSeconds(5))) {
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            ProbeScheduler scheduler = new ProbeScheduler(List.of(), engine, o -> { }, ZoneOffset.UTC);
            scheduler.every(Duration.ofMillis(50), "chore", () -> {
                threads.add(Thread.currentThread().getName());
                throw new IllegalStateException("the first and every run fails");
            });
            long started = System.nanoTime();
            Thread.sleep(400);
            scheduler.close();
            long ranMillis = (System.nanoTime() - started) / 1_000_000;
            Thread.sleep(20); // a run under way at close ends
            int atClose = threads.size();
            // At a fixed rate, late runs catch up: as many as periods passed, whatever the machine's load.
            assertTrue(atClose >= 4 && atClose <= ranMillis / 50 + 1, "every 0.05 s for " + ranMillis + " ms, though each throws: "
                    + atClose);
            assertEquals(List.of("cuir-schedule"), threads.stream().distinct().toList());
            Thread.sleep(150);
            assertEquals(atClose, threads.size(), "none after close");
        }
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

    @Test
    void replaceKeepsTheStateOfEqualProbesStartsChangedAndNewOnesAndStopsRemovedOnes() throws Exception {
        try (LoopbackTargets targets = new LoopbackTargets();
                ProbeEngine engine = new ProbeEngine(0, Duration.ofSeconds(5))) {
            int closed = LoopbackTargets.closedPort();
            Duration every = Duration.ofMillis(50);
            ProbeSpec kept = spec("kept", closed, every, every, 1000);
            ProbeSpec changed = spec("changed", closed, every, every, 1000);
            ProbeSpec removed = spec("removed", targets.listening(), every, every, 1);
            List<Observation> seen = Collections.synchronizedList(new ArrayList<>());
            try (ProbeScheduler scheduler = new ProbeScheduler(List.of(kept, changed, removed), engine, seen::add,
                    ZoneOffset.UTC)) {
                scheduler.start();
                Thread.sleep(400);
                ProbeSpec keptAgain = spec("kept", closed, every, every, 1000);
                ProbeSpec changedNow = spec("changed", closed, every, every, 999);
                ProbeSpec added = spec("added", targets.listening(), every, every, 1);
                Reload plan = scheduler.replace(List.of(added, keptAgain, changedNow)).get(5, TimeUnit.SECONDS);
                assertEquals(List.of("added"), plan.added());
                assertEquals(List.of("changed"), plan.changed());
                assertEquals(List.of("removed"), plan.removed());
                // A result that passed its check just before the swap may still be on its way to seen.
                Thread.sleep(100);
                int mark = seen.size();
                Thread.sleep(400);
                List<Observation> all;
                synchronized (seen) {
                    all = List.copyOf(seen);
                }
                List<Observation> before = all.subList(0, mark);
                List<Observation> after = all.subList(mark, all.size());
                assertTrue(after.stream().anyMatch(o -> o.result().spec() == added), "the new probe runs");
                assertTrue(after.stream().noneMatch(o -> o.result().spec() == removed), "the removed probe stopped");
                assertTrue(after.stream().noneMatch(o -> o.result().spec() == changed), "the changed probe's old slot stopped");
                assertEquals(1, all.stream().filter(o -> o.result().spec() == changedNow).findFirst().orElseThrow()
                        .consecutiveFailures(), "the changed probe starts again");
                int keptBefore = failures(before, kept);
                assertTrue(keptBefore >= 3, "it had counted before: " + keptBefore);
                Observation keptAfter = after.stream().filter(o -> o.result().spec() == kept).findFirst().orElseThrow();
                assertEquals(keptBefore + 1, keptAfter.consecutiveFailures(), "the kept probe counts on");
            }
        }
    }

    private static int failures(Collection<Observation> seen, ProbeSpec spec) {
        return seen.stream().filter(o -> o.result().spec() == spec).mapToInt(Observation::consecutiveFailures).max().orElse(0);
    }

    private static ProbeSpec spec(String name, int port, Duration interval, Duration failInterval) {
        return spec(name, port, interval, failInterval, 1);
    }

    private static ProbeSpec spec(String name, int port, Duration interval, Duration failInterval, int downAfter) {
        return new ProbeSpec(name, TcpCheck.connect(new Target("127.0.0.1", port)), "", Duration.ofMillis(300), interval,
                failInterval, downAfter, ActiveWindows.always(), List.of(), io.moustash.event.UserFields.NONE);
    }
}
