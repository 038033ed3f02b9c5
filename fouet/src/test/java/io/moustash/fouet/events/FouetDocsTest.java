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
        String kindRow = assertDoesNotThrow(() -> Files.readString(DOC)).lines()
                .filter(line -> line.startsWith("| `event.kind`")).findFirst().orElseThrow();
        assertTrue(kindRow.contains("`" + heartbeat.kind().ecsName() + "` for heartbeats"),
                "the envelope table says what kind a heartbeat is: " + kindRow);
    }
}
