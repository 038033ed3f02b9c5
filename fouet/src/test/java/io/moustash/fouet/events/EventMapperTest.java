package io.moustash.fouet.events;

import static io.moustash.fouet.events.Mapping.ecs;
import static io.moustash.fouet.events.Mapping.legacy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.event.Event;
import io.moustash.fouet.protocol.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    private static List<String> tags(JsonNode node) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    @Test
    void runningInEcs() {
        Event event = new Mapping().map("PROCESS_STATE_RUNNING", Frames.state("café", "web", "STARTING", "pid:4242"))
                .orElseThrow();
        JsonNode doc = ecs(event);
        assertEquals("web:café is running (pid 4242)", doc.path("message").asText(), "as supervisorctl names it");
        assertEquals("PROCESS_STATE_RUNNING", legacy(event).path("message").asText(), "the original's message");
        assertEquals("fouet", doc.path("type").asText());
        assertEquals(List.of("fouet"), tags(doc));
        assertEquals("web-1", doc.path("host").path("name").asText());
        assertEquals("café", doc.path("process").path("name").asText());
        assertEquals(4242, doc.path("process").path("pid").asLong());
        assertEquals("PROCESS_STATE_RUNNING", doc.path("event").path("action").asText());
        assertEquals("event", doc.path("event").path("kind").asText());
        assertEquals(1, doc.path("event").path("sequence").asLong());
        assertEquals("start", doc.path("event").path("type").get(0).asText());
        JsonNode fouet = doc.path("moustash").path("fouet");
        assertEquals("web", fouet.path("group").asText());
        assertEquals("STARTING", fouet.path("from_state").asText());
        assertEquals("RUNNING", fouet.path("to_state").asText());
        assertEquals(1, fouet.path("pool_serial").asLong());
        assertEquals("supervisor", fouet.path("server").asText());
        assertEquals("café", doc.path("moustash").path("program").asText());
        assertEquals("fouet", doc.path("moustash").path("source").asText());
        assertEquals("2025-03-14T09:26:53.589Z", doc.path("@timestamp").asText());
    }

    @Test
    void legacyKeepsTheOriginalFields() {
        Event event = new Mapping().map("PROCESS_STATE_STARTING", Frames.state("web", "web", "STOPPED", "tries:0"))
                .orElseThrow();
        JsonNode doc = legacy(event);
        assertEquals("PROCESS_STATE_STARTING", doc.path("message").asText());
        assertEquals("fouet", doc.path("type").asText());
        assertEquals("web", doc.path("program").asText());
        assertEquals("fouet", doc.path("source").asText(), "source is the pool, as the original sent it");
        assertEquals("web-1", doc.path("host").asText());
        assertEquals(List.of("fouet"), tags(doc));
        assertEquals(0, doc.path("tries").asInt());
        assertEquals("STOPPED", doc.path("from_state").asText());
        assertEquals("STARTING", doc.path("to_state").asText());
        assertEquals("web", doc.path("groupname").asText());
        assertEquals(1, doc.path("serial").asLong());
    }

    @Test
    void everyProcessStateIsPublished() {
        Frames frames = Frames.start();
        List<String> states = List.of("STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED", "STOPPED", "FATAL",
                "UNKNOWN");
        for (String state : states) {
            frames.event("PROCESS_STATE_" + state, Frames.state("p", "g", "RUNNING", "pid:1"));
        }
        List<Optional<Event>> events = new Mapping().mapAll(frames);
        for (int i = 0; i < states.size(); i++) {
            assertEquals(states.get(i), ecs(events.get(i).orElseThrow()).path("moustash").path("fouet")
                    .path("to_state").asText());
        }
    }

    @Test
    void anUnexpectedExitAndFatalNotify_anExpectedExitDoesNot() {
        Mapping mapping = new Mapping();
        JsonNode crash = ecs(mapping.map("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:0 pid:9"))
                .orElseThrow());
        assertEquals(List.of("fouet", "crash", "notification"), tags(crash));
        assertEquals("alert", crash.path("event").path("kind").asText());
        assertFalse(crash.path("moustash").path("fouet").path("expected").asBoolean(true));
        JsonNode fatal = ecs(mapping.map("PROCESS_STATE_FATAL", Frames.state("w", "w", "BACKOFF", "")).orElseThrow());
        assertEquals(List.of("fouet", "fatal", "notification"), tags(fatal));
        JsonNode fine = ecs(mapping.map("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:1 pid:9"))
                .orElseThrow());
        assertEquals(List.of("fouet"), tags(fine));
        assertEquals("event", fine.path("event").path("kind").asText());
        assertTrue(fine.path("moustash").path("fouet").path("expected").asBoolean());
        JsonNode legacyCrash = legacy(new Mapping().map("PROCESS_STATE_EXITED",
                Frames.state("w", "w", "RUNNING", "expected:0 pid:9")).orElseThrow());
        assertEquals(List.of("fouet", "crash", "notification"), tags(legacyCrash));
    }

    @Test
    void whichStatesNotifyIsAnOption() {
        Mapping mapping = new Mapping("notify = backoff, stopped\n");
        assertEquals(List.of("fouet", "backoff", "notification"),
                tags(ecs(mapping.map("PROCESS_STATE_BACKOFF", Frames.state("w", "w", "STARTING", "tries:1")).orElseThrow())));
        assertEquals(List.of("fouet"), tags(ecs(mapping.map("PROCESS_STATE_EXITED",
                Frames.state("w", "w", "RUNNING", "expected:0 pid:9")).orElseThrow())));
        assertEquals(List.of("fouet"), tags(ecs(mapping.map("PROCESS_STATE_FATAL",
                Frames.state("w", "w", "BACKOFF", "")).orElseThrow())));
        assertEquals(List.of("fouet"), tags(ecs(new Mapping("notify =\n").map("PROCESS_STATE_FATAL",
                Frames.state("w", "w", "BACKOFF", "")).orElseThrow())));
    }

    @Test
    void unexpectedKeysAreKeptAndReportedOnceWithTheRawText() {
        Mapping mapping = new Mapping();
        String payload = Frames.state("w", "w", "STARTING", "pid:1 cgroup:/sys/x");
        JsonNode doc = ecs(mapping.map("PROCESS_STATE_RUNNING", payload).orElseThrow());
        assertEquals("/sys/x", doc.path("moustash").path("fouet").path("extra").path("cgroup").asText());
        assertEquals("/sys/x", legacy(mapping.map("PROCESS_STATE_RUNNING", payload).orElseThrow())
                .path("extra").path("cgroup").asText());
        assertEquals(1, mapping.warnings.size(), mapping.warnings.toString());
        assertTrue(mapping.warnings.get(0).contains("cgroup") && mapping.warnings.get(0).contains(payload),
                mapping.warnings.get(0));
    }

    @Test
    void anUnknownEventIsStillPublishedAndReported() {
        Mapping mapping = new Mapping();
        Event event = mapping.map("PROCESS_TELEPATHY", "processname:w groupname:w mood:calm\nsome data\n").orElseThrow();
        JsonNode doc = ecs(event);
        assertEquals("PROCESS_TELEPATHY", doc.path("event").path("action").asText());
        assertEquals("some data", doc.path("message").asText());
        assertEquals("calm", doc.path("moustash").path("fouet").path("payload").path("mood").asText());
        assertEquals("w", doc.path("process").path("name").asText());
        assertTrue(mapping.warnings.get(0).contains("PROCESS_TELEPATHY"), mapping.warnings.toString());
        JsonNode odd = ecs(mapping.map("PROCESS_STATE_SLEEPING", Frames.state("w", "w", "RUNNING", "")).orElseThrow());
        assertEquals("SLEEPING", odd.path("moustash").path("fouet").path("to_state").asText());
        assertEquals(2, mapping.warnings.size());
    }

    @Test
    void supervisorAndGroupEventsArePublishedAsTheyCome() {
        List<Optional<Event>> events = new Mapping().mapAll(Frames.start()
                .event("SUPERVISOR_STATE_CHANGE_RUNNING", "")
                .event("PROCESS_GROUP_ADDED", "groupname:workers\n")
                .event("PROCESS_GROUP_REMOVED", "groupname:workers\n")
                .event("SUPERVISOR_STATE_CHANGE_STOPPING", ""));
        assertEquals(List.of("SUPERVISOR_STATE_CHANGE_RUNNING", "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED",
                "SUPERVISOR_STATE_CHANGE_STOPPING"), events.stream().map(e -> legacy(e.orElseThrow()).path("message")
                        .asText()).toList());
        assertEquals(List.of("supervisord is running", "group workers added", "group workers removed",
                "supervisord is stopping"), events.stream().map(e -> ecs(e.orElseThrow()).path("message")
                        .asText()).toList());
        assertEquals("workers", ecs(events.get(1).orElseThrow()).path("moustash").path("fouet").path("group").asText());
        assertEquals("workers", legacy(events.get(2).orElseThrow()).path("groupname").asText());
    }

    @Test
    void ticksBecomeHeartbeatsUnlessTurnedOff() {
        JsonNode beat = ecs(new Mapping().map("TICK_60", "when:1741944360").orElseThrow());
        assertEquals(List.of("fouet", "heartbeat"), tags(beat));
        assertEquals("metric", beat.path("event").path("kind").asText());
        assertEquals(1741944360L, beat.path("moustash").path("fouet").path("when").asLong());
        assertEquals("supervisord heartbeat (TICK_60)", beat.path("message").asText());
        assertTrue(new Mapping("heartbeat = off\n").map("TICK_5", "when:1").isEmpty());
    }

    @Test
    void logEventsArePublishedOnlyWhenAsked() {
        String payload = "processname:w groupname:w pid:7 channel:stderr\nTraceback: é\n";
        assertTrue(new Mapping().map("PROCESS_LOG_STDERR", payload).isEmpty());
        Event event = new Mapping("log_events = yes\n").map("PROCESS_LOG_STDERR", payload).orElseThrow();
        JsonNode doc = ecs(event);
        assertEquals("Traceback: é", doc.path("message").asText());
        assertEquals("Traceback: é", legacy(event).path("message").asText());
        assertEquals(7, doc.path("process").path("pid").asInt());
        assertEquals("stderr", doc.path("moustash").path("fouet").path("channel").asText());
    }

    @Test
    void filtersByProcessAndGroupName() {
        Mapping mapping = new Mapping("include = web:*, worker_?\nexclude = web:debug*\n");
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("front", "web", "STARTING", "pid:1")).isPresent());
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("debug1", "web", "STARTING", "pid:1")).isEmpty());
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("worker_3", "pool", "STARTING", "pid:1")).isPresent());
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("cron", "cron", "STARTING", "pid:1")).isEmpty());
        assertTrue(mapping.map("SUPERVISOR_STATE_CHANGE_RUNNING", "").isPresent(), "no process, nothing to filter");
        assertTrue(mapping.map("PROCESS_GROUP_ADDED", "groupname:web\n").isPresent());
        assertTrue(mapping.map("PROCESS_GROUP_ADDED", "groupname:cron\n").isEmpty());
    }

    @Test
    void fouetsOwnEventsAreIgnored() {
        Mapping mapping = new Mapping("", Map.of("SUPERVISOR_PROCESS_NAME", "fouet", "SUPERVISOR_GROUP_NAME", "fouet"));
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("fouet", "fouet", "STARTING", "pid:1")).isEmpty());
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("fouet", "other", "STARTING", "pid:1")).isPresent());
        assertTrue(mapping.map("PROCESS_STATE_RUNNING", Frames.state("web", "fouet", "STARTING", "pid:1")).isPresent());
    }

    @Test
    void crashContextRidesOnCrashAndFatalEventsOnly() {
        Mapping mapping = new Mapping("stderr_lines = 3\n");
        List<Optional<Event>> events = mapping.mapAll(Frames.start()
                .event("PROCESS_LOG_STDERR", "processname:api groupname:api pid:5 channel:stderr\nline 1\nline 2\nli")
                .event("PROCESS_LOG_STDERR", "processname:other groupname:other pid:6 channel:stderr\nnot mine\n")
                .event("PROCESS_LOG_STDOUT", "processname:api groupname:api pid:5 channel:stdout\nstdout is not kept\n")
                .event("PROCESS_LOG_STDERR", "processname:api groupname:api pid:5 channel:stderr\nne 3\nKeyError: 'é'\n")
                .event("PROCESS_STATE_RUNNING", Frames.state("api", "api", "STARTING", "pid:5"))
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:5"))
                .event("PROCESS_STATE_FATAL", Frames.state("api", "api", "BACKOFF", "")));
        List<String> expected = List.of("line 2", "line 3", "KeyError: 'é'");
        assertTrue(events.subList(0, 4).stream().allMatch(Optional::isEmpty), "log events are not published");
        assertTrue(ecs(events.get(4).orElseThrow()).path("moustash").path("fouet").path("stderr").isMissingNode());
        JsonNode crash = ecs(events.get(5).orElseThrow());
        assertEquals(expected, texts(crash.path("moustash").path("fouet").path("stderr")));
        assertEquals(expected, texts(legacy(events.get(5).orElseThrow()).path("stderr")));
        assertEquals(expected, texts(ecs(events.get(6).orElseThrow()).path("moustash").path("fouet").path("stderr")));
    }

    @Test
    void crashContextCanBeTurnedOff() {
        Mapping mapping = new Mapping("stderr_lines = 0\n");
        List<Optional<Event>> events = mapping.mapAll(Frames.start()
                .event("PROCESS_LOG_STDERR", "processname:api groupname:api pid:5 channel:stderr\nboom\n")
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:5")));
        assertTrue(ecs(events.get(1).orElseThrow()).path("moustash").path("fouet").path("stderr").isMissingNode());
    }

    /** Each state as supervisord's docs define it, read as the on-call person would in a mail subject. */
    @Test
    void everyStateReadsAsASentenceNamingTheProgramAndWhy() {
        Mapping mapping = new Mapping();
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("STARTING|processname:web groupname:web from_state:STOPPED tries:0", "web is starting");
        expected.put("STARTING|processname:web groupname:web from_state:EXITED tries:0", "web is restarting");
        expected.put("STARTING|processname:w_1 groupname:workers from_state:BACKOFF tries:2",
                "workers:w_1 is starting again (attempt 3)");
        expected.put("RUNNING|processname:web groupname:web from_state:STARTING pid:42", "web is running (pid 42)");
        expected.put("BACKOFF|processname:web groupname:web from_state:STARTING tries:1",
                "web failed to start (attempt 1): it did not stay up for startsecs");
        expected.put("STOPPING|processname:web groupname:web from_state:RUNNING pid:42",
                "web is stopping on request (pid 42)");
        expected.put("STOPPED|processname:web groupname:web from_state:STOPPING pid:42", "web stopped on request (pid 42)");
        expected.put("EXITED|processname:web groupname:web from_state:RUNNING expected:1 pid:42",
                "web exited as expected (pid 42)");
        expected.put("EXITED|processname:web groupname:web from_state:RUNNING expected:0 pid:42", "web exited unexpectedly");
        expected.put("FATAL|processname:web groupname:web from_state:BACKOFF", "web could not be started, supervisord gave up");
        expected.put("UNKNOWN|processname:web groupname:web from_state:RUNNING",
                "web is in an unknown state (an error in supervisord; see its log)");
        expected.put("SLEEPING|processname:web groupname:web from_state:RUNNING", "web is now SLEEPING");
        expected.forEach((input, sentence) -> {
            String[] parts = input.split("\\|");
            Event event = mapping.map("PROCESS_STATE_" + parts[0], parts[1]).orElseThrow();
            assertEquals(sentence, ecs(event).path("message").asText(), input);
            assertEquals("PROCESS_STATE_" + parts[0], legacy(event).path("message").asText(), input);
        });
    }

    @Test
    void whyIsTheLastStderrLineOfTheRunThatEnded() {
        Mapping mapping = new Mapping();
        List<Optional<Event>> events = mapping.mapAll(Frames.start()
                .event("PROCESS_STATE_STARTING", Frames.state("worker", "worker", "STOPPED", "tries:0"))
                .event("PROCESS_LOG_STDERR", "processname:worker groupname:worker pid:5 channel:stderr\n"
                        + "Traceback (most recent call last):\nConnectionError: database unreachable\n\n")
                .event("PROCESS_STATE_BACKOFF", Frames.state("worker", "worker", "STARTING", "tries:1"))
                .event("PROCESS_STATE_STARTING", Frames.state("worker", "worker", "BACKOFF", "tries:1"))
                .event("PROCESS_LOG_STDERR", "processname:worker groupname:worker pid:6 channel:stderr\n"
                        + "x".repeat(500) + "\n")
                .event("PROCESS_STATE_RUNNING", Frames.state("worker", "worker", "STARTING", "pid:6"))
                .event("PROCESS_STATE_EXITED", Frames.state("worker", "worker", "RUNNING", "expected:0 pid:6")));
        assertEquals("worker failed to start (attempt 1): ConnectionError: database unreachable",
                ecs(events.get(2).orElseThrow()).path("message").asText(), "a blank last line is not a reason");
        String crash = ecs(events.get(6).orElseThrow()).path("message").asText();
        assertEquals("worker exited unexpectedly: " + "x".repeat(StateMessage.MAX_WHY_CHARS - 1) + "…", crash,
                "a subject line, not the log");
    }

    /** Item 3 of issue 13: the lines of an earlier run are never attached to a later crash. */
    @Test
    void crashContextIsOnlyWhatThisRunWrote() {
        Mapping mapping = new Mapping();
        List<Optional<Event>> events = mapping.mapAll(Frames.start()
                .event("PROCESS_STATE_STARTING", Frames.state("api", "api", "STOPPED", "tries:0"))
                .event("PROCESS_LOG_STDERR", "processname:api groupname:api pid:5 channel:stderr\nrun 1: boom\n")
                .event("PROCESS_STATE_RUNNING", Frames.state("api", "api", "STARTING", "pid:5"))
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:5"))
                .event("PROCESS_STATE_STARTING", Frames.state("api", "api", "EXITED", "tries:0"))
                .event("PROCESS_STATE_RUNNING", Frames.state("api", "api", "STARTING", "pid:6"))
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:6"))
                .event("PROCESS_STATE_STARTING", Frames.state("api", "api", "EXITED", "tries:0"))
                .event("PROCESS_LOG_STDERR", "processname:api groupname:api pid:7 channel:stderr\nrun 3: bang\n")
                .event("PROCESS_STATE_RUNNING", Frames.state("api", "api", "STARTING", "pid:7"))
                .event("PROCESS_STATE_FATAL", Frames.state("api", "api", "BACKOFF", "")));
        assertEquals(List.of("run 1: boom"), texts(legacy(events.get(3).orElseThrow()).path("stderr")));
        JsonNode second = ecs(events.get(6).orElseThrow());
        assertTrue(second.path("moustash").path("fouet").path("stderr").isMissingNode(), second.toString());
        assertEquals("api exited unexpectedly", second.path("message").asText());
        JsonNode fatal = ecs(events.get(10).orElseThrow());
        assertEquals(List.of("run 3: bang"), texts(fatal.path("moustash").path("fouet").path("stderr")));
        assertEquals("api could not be started, supervisord gave up: run 3: bang", fatal.path("message").asText());
        assertTrue(mapping.warnings.isEmpty(), "stderr events came: no hint " + mapping.warnings);
    }

    @Test
    void aCrashWithoutAnyStderrEventSaysOnceHowToTurnCrashContextOn() {
        Mapping mapping = new Mapping();
        mapping.mapAll(Frames.start()
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:1 pid:5"))
                .event("PROCESS_STATE_BACKOFF", Frames.state("api", "api", "STARTING", "tries:1")));
        assertTrue(mapping.warnings.isEmpty(), "not a crash: " + mapping.warnings);
        mapping.mapAll(Frames.start()
                .event("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:5"))
                .event("PROCESS_STATE_FATAL", Frames.state("api", "api", "BACKOFF", ""))
                .event("PROCESS_STATE_EXITED", Frames.state("web", "web", "RUNNING", "expected:0 pid:6")));
        assertEquals(List.of(EventMapper.CRASH_CONTEXT_HINT), mapping.warnings);
        assertTrue(EventMapper.CRASH_CONTEXT_HINT.contains("events=PROCESS_STATE,PROCESS_LOG_STDERR")
                && EventMapper.CRASH_CONTEXT_HINT.contains("stderr_events_enabled=true"));
        Mapping off = new Mapping("stderr_lines = 0\n");
        off.map("PROCESS_STATE_EXITED", Frames.state("api", "api", "RUNNING", "expected:0 pid:5"));
        assertTrue(off.warnings.isEmpty(), "crash context turned off on purpose: " + off.warnings);
    }

    /** Item 7 of issue 13: a crash loop notifies once per notify_interval, and the next notification counts the rest. */
    @Test
    void aCrashLoopNotifiesOncePerIntervalAndCountsWhatWasHeldBack() {
        Mapping.SteppedClock clock = new Mapping.SteppedClock();
        Mapping mapping = new Mapping("notify_interval = 60\nnotify = crash, fatal\n", Map.of(), clock);
        List<Event> crashes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crashes.add(mapping.map("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:0 pid:" + i))
                    .orElseThrow());
            clock.advance(java.time.Duration.ofSeconds(10));
        }
        JsonNode other = ecs(mapping.map("PROCESS_STATE_EXITED", Frames.state("x", "x", "RUNNING", "expected:0 pid:9"))
                .orElseThrow());
        assertEquals(List.of("fouet", "crash", "notification"), tags(other), "per program");
        JsonNode fatal = ecs(mapping.map("PROCESS_STATE_FATAL", Frames.state("w", "w", "BACKOFF", "")).orElseThrow());
        assertEquals(List.of("fouet", "fatal", "notification"), tags(fatal), "per notified state");
        assertEquals(List.of("fouet", "crash", "notification"), tags(ecs(crashes.get(0))));
        for (Event held : crashes.subList(1, 4)) {
            JsonNode doc = ecs(held);
            assertEquals(List.of("fouet", "crash", "throttled"), tags(doc), "published, not notified");
            assertEquals("event", doc.path("event").path("kind").asText());
            assertTrue(doc.path("moustash").path("fouet").path("suppressed").isMissingNode());
        }
        clock.advance(java.time.Duration.ofSeconds(30));
        Event next = mapping.map("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:0 pid:5"))
                .orElseThrow();
        JsonNode doc = ecs(next);
        assertEquals(List.of("fouet", "crash", "notification"), tags(doc));
        assertEquals(3, doc.path("moustash").path("fouet").path("suppressed").asInt());
        assertEquals("w exited unexpectedly (3 more in the last 70 s, not notified)", doc.path("message").asText());
        JsonNode legacyDoc = legacy(next);
        assertEquals(3, legacyDoc.path("suppressed").asInt());
        assertEquals("PROCESS_STATE_EXITED", legacyDoc.path("message").asText());
        clock.advance(java.time.Duration.ofSeconds(60));
        JsonNode quiet = ecs(mapping.map("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:0 pid:6"))
                .orElseThrow());
        assertTrue(quiet.path("moustash").path("fouet").path("suppressed").isMissingNode(), "the count starts again");
    }

    @Test
    void notifyIntervalZeroNotifiesEveryCrash() {
        Mapping mapping = new Mapping("notify_interval = 0\n");
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("fouet", "crash", "notification"), tags(ecs(mapping.map("PROCESS_STATE_EXITED",
                    Frames.state("w", "w", "RUNNING", "expected:0 pid:" + i)).orElseThrow())));
        }
        List<String> held = tags(ecs(new Mapping().mapAll(Frames.start()
                .event("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:0 pid:1"))
                .event("PROCESS_STATE_EXITED", Frames.state("w", "w", "RUNNING", "expected:0 pid:2"))).get(1)
                .orElseThrow()));
        assertEquals(List.of("fouet", "crash", "throttled"), held, "the default holds back a crash the same second");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
