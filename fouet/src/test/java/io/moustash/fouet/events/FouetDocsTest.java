package io.moustash.fouet.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import io.moustash.event.Event;
import io.moustash.fouet.protocol.Frames;
import io.moustash.testing.DocExamples;
import io.moustash.testing.LogstashDocuments;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples of docs/events.md, section Fouet, as the code produces them. */
class FouetDocsTest {
    private static final Path DOC = DocExamples.docs().resolve("events.md");

    @Test
    void examples() {
        Mapping mapping = new Mapping();
        List<Optional<Event>> events = mapping.mapAll(Frames.start()
                .event("PROCESS_STATE_RUNNING", Frames.state("café", "web", "STARTING", "pid:4242"))
                .event("PROCESS_LOG_STDERR", "processname:api groupname:api pid:4243 channel:stderr\n"
                        + "Traceback (most recent call last):\n  File \"api.py\", line 12, in <module>\n"
                        + "KeyError: 'DATABASE_URL'\n")
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:4243"))
                .event("TICK_60", "when:1741944360"));
        Event running = events.get(0).orElseThrow();
        Event crash = events.get(2).orElseThrow();
        DocExamples.check(DOC, "fouet-running-ecs", LogstashDocuments.pretty(Mapping.json(running, Mapping.ECS)));
        DocExamples.check(DOC, "fouet-running-legacy", LogstashDocuments.pretty(Mapping.json(running, Mapping.LEGACY)));
        DocExamples.check(DOC, "fouet-crash-ecs", LogstashDocuments.pretty(Mapping.json(crash, Mapping.ECS)));
        DocExamples.check(DOC, "fouet-crash-legacy", LogstashDocuments.pretty(Mapping.json(crash, Mapping.LEGACY)));
        Event heartbeat = events.get(3).orElseThrow();
        DocExamples.check(DOC, "fouet-heartbeat-ecs", LogstashDocuments.pretty(Mapping.json(heartbeat, Mapping.ECS)));
        crashLoop();
        String kindRow = assertDoesNotThrow(() -> Files.readString(DOC)).lines()
                .filter(line -> line.startsWith("| `event.kind`")).findFirst().orElseThrow();
        assertTrue(kindRow.contains("`" + heartbeat.kind().ecsName() + "` for heartbeats"),
                "the envelope table says what kind a heartbeat is: " + kindRow);
    }

    /** A worker crashing every minute with notify_interval's default of five minutes. */
    private static void crashLoop() {
        Mapping.SteppedClock clock = new Mapping.SteppedClock();
        Mapping mapping = new Mapping("", java.util.Map.of(), clock);
        List<Event> crashes = new java.util.ArrayList<>();
        for (int run = 1; run <= 6; run++) {
            List<Optional<Event>> events = mapping.mapAll(Frames.startingAt(4 * run - 3)
                    .event("PROCESS_STATE_STARTING", Frames.state("worker", "worker", "EXITED", "tries:0"))
                    .event("PROCESS_LOG_STDERR", "processname:worker groupname:worker pid:" + (5000 + run)
                            + " channel:stderr\nconnecting to db-1:5432 (run " + run + ")\n"
                            + "ConnectionError: database unreachable\n")
                    .event("PROCESS_STATE_RUNNING", Frames.state("worker", "worker", "STARTING", "pid:" + (5000 + run)))
                    .event("PROCESS_STATE_EXITED", Frames.state("worker", "worker", "RUNNING",
                            "expected:0 pid:" + (5000 + run))));
            crashes.add(events.get(3).orElseThrow());
            clock.advance(java.time.Duration.ofMinutes(1));
        }
        assertTrue(crashes.get(0).notification() && !crashes.get(1).notification() && crashes.get(5).notification());
        DocExamples.check(DOC, "fouet-throttled-ecs", LogstashDocuments.pretty(Mapping.json(crashes.get(1), Mapping.ECS)));
        DocExamples.check(DOC, "fouet-suppressed-ecs", LogstashDocuments.pretty(Mapping.json(crashes.get(5), Mapping.ECS)));
        DocExamples.check(DOC, "fouet-suppressed-legacy",
                LogstashDocuments.pretty(Mapping.json(crashes.get(5), Mapping.LEGACY)));
    }
}
