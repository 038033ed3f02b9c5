package io.moustash.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisordRecordingTest {
    @Test
    void readsNamesPayloadsAndEscapesSkippingComments() {
        List<RecordedEvent> events = SupervisordRecording.parse("""
                # a comment

                PROCESS_STATE_RUNNING|processname:a groupname:a from_state:STARTING pid:1
                PROCESS_LOG_STDERR|processname:a groupname:a pid:1 channel:stderr\\nC:\\\\temp|x\\n
                """);
        assertEquals(List.of(
                new RecordedEvent("PROCESS_STATE_RUNNING", "processname:a groupname:a from_state:STARTING pid:1"),
                new RecordedEvent("PROCESS_LOG_STDERR", "processname:a groupname:a pid:1 channel:stderr\nC:\\temp|x\n")),
                events);
    }

    @Test
    void aLineWithoutANameIsAnErrorNamingItsLine() {
        DemoFailure failure = assertThrows(DemoFailure.class,
                () -> SupervisordRecording.parse("# x\n|payload\n"));
        assertEquals("recorded supervisord stream, line 2: expected EVENTNAME|payload, got: |payload",
                failure.getMessage());
    }

    @Test
    void theBundledRecordingHasStderrBeforeACrash() {
        List<RecordedEvent> events = SupervisordRecording.bundled();
        int stderr = indexOf(events, "PROCESS_LOG_STDERR");
        int crash = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).name().equals("PROCESS_STATE_EXITED") && events.get(i).payload().contains("expected:0")) {
                crash = i;
            }
        }
        assertTrue(stderr >= 0 && crash > stderr, "stderr lines, then a crash: " + events);
        assertTrue(indexOf(events, "PROCESS_STATE_FATAL") > crash);
    }

    private static int indexOf(List<RecordedEvent> events, String name) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
