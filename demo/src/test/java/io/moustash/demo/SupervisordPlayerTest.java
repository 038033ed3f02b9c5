package io.moustash.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.fouet.protocol.Frame;
import io.moustash.fouet.protocol.ListenerProtocol;
import io.moustash.fouet.protocol.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The player against Fouet's own protocol reader, and against listeners that misbehave. */
@Timeout(10)
class SupervisordPlayerTest {
    private static final List<RecordedEvent> EVENTS = List.of(
            new RecordedEvent("PROCESS_STATE_RUNNING", "processname:café groupname:web from_state:STARTING pid:7"),
            new RecordedEvent("PROCESS_LOG_STDERR", "processname:café groupname:web pid:7 channel:stderr\nboom ✗\n"),
            new RecordedEvent("PROCESS_STATE_EXITED", "processname:café groupname:web from_state:RUNNING expected:0 pid:7"));

    @Test
    void fouetsProtocolReaderGetsEachEventWhole() throws Exception {
        PipedOutputStream toListener = new PipedOutputStream();
        PipedInputStream listenerIn = new PipedInputStream(toListener, 64 * 1024);
        PipedOutputStream fromListener = new PipedOutputStream();
        PipedInputStream playerIn = new PipedInputStream(fromListener, 64 * 1024);
        List<Frame.Envelope> received = new ArrayList<>();
        CompletableFuture<Void> listener = CompletableFuture.runAsync(() -> {
            try (listenerIn; fromListener) {
                ListenerProtocol protocol = new ListenerProtocol(listenerIn, fromListener);
                protocol.ready();
                for (Frame frame = protocol.next(); frame != null; frame = protocol.next()) {
                    received.add((Frame.Envelope) frame);
                    protocol.answer(Result.OK);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        new SupervisordPlayer(playerIn, toListener, "fouet").play(EVENTS);
        toListener.close();
        listener.get(5, TimeUnit.SECONDS);

        assertEquals(EVENTS, received.stream()
                .map(frame -> new RecordedEvent(frame.header().eventName(), frame.payload())).toList());
        Frame.Envelope crash = received.get(2);
        assertEquals("fouet", crash.header().pool());
        assertEquals(3, crash.header().serial().getAsLong());
        assertEquals(3, crash.header().poolSerial().getAsLong());
        assertEquals("3.0", crash.header().version());
    }

    @Test
    void lenCountsCharactersAsSupervisor4DoesNotBytes() {
        String envelope = new String(SupervisordPlayer.envelope(12, EVENTS.get(1)), StandardCharsets.UTF_8);
        assertEquals("ver:3.0 server:supervisor serial:12 pool:fouet poolserial:12 eventname:PROCESS_LOG_STDERR len:59\n"
                + EVENTS.get(1).payload(), envelope);
        assertEquals(59, EVENTS.get(1).payload().codePointCount(0, EVENTS.get(1).payload().length()));
        assertEquals(62, EVENTS.get(1).payload().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aFailAnswerEndsThePlayNamingTheEvent() {
        DemoFailure failure = assertThrows(DemoFailure.class, () -> play("READY\nRESULT 4\nFAIL"));
        assertEquals("fouet answered PROCESS_STATE_RUNNING with FAIL: it could keep the event nowhere"
                + " (supervisord would send it again)", failure.getMessage());
    }

    @Test
    void anythingButReadyIsWhatPutsAListenerInTheUnknownState() {
        DemoFailure failure = assertThrows(DemoFailure.class, () -> play("hello\n"));
        assertEquals("fouet wrote \"hello\" where supervisord expects READY (supervisord would put it in the UNKNOWN state)",
                failure.getMessage());
    }

    @Test
    void aListenerThatStopsTalkingIsReported() {
        DemoFailure failure = assertThrows(DemoFailure.class, () -> play("READY\nRESULT 2\nOKREA"));
        assertEquals("fouet closed its stdout while supervisord waited for READY (after \"REA\")", failure.getMessage());
    }

    @Test
    void aResultLineThatIsNotOneIsReported() {
        DemoFailure failure = assertThrows(DemoFailure.class, () -> play("READY\nRESULT two\nOK"));
        assertEquals("fouet answered PROCESS_STATE_RUNNING with \"RESULT two\" where supervisord expects RESULT n",
                failure.getMessage());
    }

    /** Plays against a listener whose whole output is {@code listenerSays}. */
    private static void play(String listenerSays) throws IOException {
        new SupervisordPlayer(new ByteArrayInputStream(listenerSays.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), "fouet").play(EVENTS);
    }
}
