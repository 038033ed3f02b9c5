package io.moustash.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<RecordedEvent> RECORDING = List.of(
            new RecordedEvent("PROCESS_STATE_RUNNING", "processname:w groupname:w from_state:STARTING pid:1"),
            new RecordedEvent("PROCESS_LOG_STDERR", "processname:w groupname:w pid:1 channel:stderr\nboom\n"),
            new RecordedEvent("PROCESS_STATE_EXITED", "processname:w groupname:w from_state:RUNNING expected:0 pid:1"),
            new RecordedEvent("PROCESS_STATE_FATAL", "processname:w groupname:w from_state:BACKOFF"));

    @Test
    void theWholeStoryMeetsEveryExpectation() {
        assertEquals(List.of(), Expectations.unmet(story(), RECORDING, "hello"));
    }

    @Test
    void aMissingRecoveryIsNamed() {
        List<DemoEvent> events = new ArrayList<>(story());
        events.removeIf(e -> e.probe().equals("cache") && e.action().equals("recovered"));
        assertEquals(List.of("Cuir should report cache up, then down and recovered as notifications; got [probe, down]"),
                Expectations.unmet(events, RECORDING, "hello"));
    }

    @Test
    void theListeningTargetMustNeverBeDown() {
        List<DemoEvent> events = new ArrayList<>(story());
        events.add(cuir("web", "down", "down", true, "timeout"));
        assertEquals(List.of("Cuir should report web up, without notifying, every time; got [up, down]"),
                Expectations.unmet(events, RECORDING, "hello"));
    }

    @Test
    void aCrashWithoutItsStderrLinesIsNamed() {
        List<DemoEvent> events = new ArrayList<>(story());
        events.replaceAll(e -> e.tags().contains("crash") ? fouet(3, "PROCESS_STATE_EXITED", List.of(), "crash") : e);
        assertEquals(List.of("Fouet should report the crash as a notification carrying the process's last stderr lines"),
                Expectations.unmet(events, RECORDING, "hello"));
    }

    @Test
    void aLostFouetEventIsNamedWithWhatCameInstead() {
        List<DemoEvent> events = new ArrayList<>(story());
        events.removeIf(e -> e.action().equals("PROCESS_STATE_RUNNING"));
        assertEquals(List.of("Fouet should publish [1 PROCESS_STATE_RUNNING, 3 PROCESS_STATE_EXITED, 4 PROCESS_STATE_FATAL]"
                + " in order (log events kept as crash context only); got [3 PROCESS_STATE_EXITED, 4 PROCESS_STATE_FATAL]"),
                Expectations.unmet(events, RECORDING, "hello"));
    }

    @Test
    void panpanMustSendExactlyItsOneNotification() {
        List<DemoEvent> events = new ArrayList<>(story());
        events.add(panpan("hello"));
        assertEquals(List.of("expected one PanPan notification \"hello\", got 2 PanPan events"),
                Expectations.unmet(events, RECORDING, "hello"));
    }

    @Test
    void aDocumentWithoutTheEnvelopeIsNamed() {
        List<DemoEvent> events = new ArrayList<>(story());
        ObjectNode bare = (ObjectNode) panpan("hello").tree();
        bare.remove("@version");
        events.set(events.size() - 1, DemoEvent.parse(bare.toString()));
        assertEquals(List.of("an event lacks the ECS envelope (@timestamp, @version, event.module, host.name): "
                + bare), Expectations.unmet(events, RECORDING, "hello"));
    }

    /** What a good run publishes, in the ECS shape (docs/events.md), reduced to the fields the demo reads. */
    private static List<DemoEvent> story() {
        return List.of(
                cuir("web", "probe", "up", false, ""),
                cuir("cache", "probe", "up", false, ""),
                cuir("backup", "down", "down", true, "refused"),
                fouet(1, "PROCESS_STATE_RUNNING", List.of()),
                cuir("cache", "down", "down", true, "refused"),
                fouet(3, "PROCESS_STATE_EXITED", List.of("boom"), "crash"),
                fouet(4, "PROCESS_STATE_FATAL", List.of("boom"), "fatal"),
                cuir("cache", "recovered", "up", true, ""),
                panpan("hello"));
    }

    private static ObjectNode envelope(String tool, String message, boolean notification, String... tags) {
        ObjectNode event = JSON.createObjectNode();
        event.put("@timestamp", "2025-01-01T00:00:00.000Z").put("@version", "1").put("message", message)
                .put("type", tool);
        var tagList = event.putArray("tags").add(tool);
        for (String tag : tags) {
            tagList.add(tag);
        }
        if (notification) {
            tagList.add("notification");
        }
        event.putObject("host").put("name", "vm");
        event.putObject("event").put("module", "moustash").put("dataset", "moustash." + tool);
        return event;
    }

    private static DemoEvent cuir(String probe, String action, String status, boolean notification, String reason) {
        ObjectNode event = envelope("cuir", probe + " text", notification, probe);
        event.with("event").put("action", action);
        ObjectNode cuir = event.putObject("moustash").put("source", "127.0.0.1:1").putObject("cuir")
                .put("probe", probe).put("status", status);
        if (!reason.isEmpty()) {
            cuir.put("reason", reason);
        }
        return DemoEvent.parse(event.toString());
    }

    private static DemoEvent fouet(int serial, String action, List<String> stderr, String... tags) {
        ObjectNode event = envelope("fouet", action, tags.length > 0, tags);
        event.with("event").put("action", action).put("sequence", serial);
        ObjectNode fouet = event.putObject("moustash").putObject("fouet").put("group", "w");
        if (!stderr.isEmpty()) {
            stderr.forEach(fouet.putArray("stderr")::add);
        }
        event.putObject("process").put("name", "w");
        return DemoEvent.parse(event.toString());
    }

    private static DemoEvent panpan(String message) {
        return DemoEvent.parse(envelope("panpan", message, true).toString());
    }
}
