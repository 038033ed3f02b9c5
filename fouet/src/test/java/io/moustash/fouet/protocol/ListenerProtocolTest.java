package io.moustash.fouet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerProtocolTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private List<Frame> readAll(InputStream in) throws IOException {
        ListenerProtocol protocol = new ListenerProtocol(in, out);
        List<Frame> frames = new ArrayList<>();
        for (Frame f = protocol.next(); f != null; f = protocol.next()) {
            frames.add(f);
        }
        return frames;
    }

    private static Frame.Envelope envelope(Frame frame) {
        return assertInstanceOf(Frame.Envelope.class, frame);
    }

    @Test
    void headerTokensInAnyOrder() throws IOException {
        String payload = "processname:web groupname:web from_state:STARTING pid:42";
        byte[] bytes = ("len:" + payload.length() + " eventname:PROCESS_STATE_RUNNING pool:fouet serial:7 "
                + "poolserial:3 server:supervisor ver:3.0\n" + payload).getBytes(StandardCharsets.UTF_8);
        Frame.Envelope e = envelope(readAll(new ByteArrayInputStream(bytes)).get(0));
        assertEquals("PROCESS_STATE_RUNNING", e.header().eventName());
        assertEquals(7, e.header().serial().getAsLong());
        assertEquals(3, e.header().poolSerial().getAsLong());
        assertEquals("fouet", e.header().pool());
        assertEquals("supervisor", e.header().server());
        assertEquals(payload, e.payload());
    }

    @Test
    void lenCountsCharactersNotBytes() throws IOException {
        // "café" is 4 characters and 5 bytes; "😀" is 1 character (as Python counts) and 4 bytes.
        String first = Frames.state("café", "café", "STARTING", "pid:1");
        String second = Frames.state("日本語😀", "g", "RUNNING", "pid:2");
        byte[] bytes = Frames.start().event("PROCESS_STATE_RUNNING", first)
                .event("PROCESS_STATE_STOPPING", second).bytes();
        List<Frame> frames = readAll(new ByteArrayInputStream(bytes));
        assertEquals(2, frames.size());
        assertEquals(first, envelope(frames.get(0)).payload());
        assertEquals(second, envelope(frames.get(1)).payload());
        assertEquals("PROCESS_STATE_STOPPING", envelope(frames.get(1)).header().eventName());
    }

    @Test
    void splitReadsOneByteAtATime() throws IOException {
        Frames frames = Frames.start();
        List<String> payloads = List.of(Frames.state("café", "x", "STARTING", "pid:1"),
                "processname:a groupname:a pid:3 channel:stderr\nerreur: ça casse 😀\n", "");
        frames.event("PROCESS_STATE_RUNNING", payloads.get(0)).event("PROCESS_LOG_STDERR", payloads.get(1))
                .event("SUPERVISOR_STATE_CHANGE_RUNNING", payloads.get(2));
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(frames.bytes())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        List<Frame> read = readAll(trickle);
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(payloads.get(i), envelope(read.get(i)).payload());
        }
    }

    @Test
    void severalEventsInOneRead() throws IOException {
        Frames frames = Frames.start();
        for (int i = 0; i < 50; i++) {
            frames.event("PROCESS_STATE_RUNNING", Frames.state("p" + i + "é", "g", "STARTING", "pid:" + i));
        }
        List<Frame> read = readAll(new ByteArrayInputStream(frames.bytes()));
        assertEquals(50, read.size());
        assertEquals(Frames.state("p49é", "g", "STARTING", "pid:49"), envelope(read.get(49)).payload());
    }

    @Test
    void emptyPayloads() throws IOException {
        byte[] bytes = Frames.start().event("SUPERVISOR_STATE_CHANGE_RUNNING", "")
                .event("SUPERVISOR_STATE_CHANGE_STOPPING", "").bytes();
        List<Frame> read = readAll(new ByteArrayInputStream(bytes));
        assertEquals(2, read.size());
        assertEquals("", envelope(read.get(0)).payload());
        assertEquals("SUPERVISOR_STATE_CHANGE_STOPPING", envelope(read.get(1)).header().eventName());
    }

    @Test
    void readsNoByteOfTheNextEventBeforeItIsAskedFor() throws Exception {
        // In lockstep, supervisord sends nothing more until it is answered: a reader that waits for
        // more bytes than the payload holds would hang forever.
        PipedOutputStream supervisord = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(supervisord, 1 << 16);
        ListenerProtocol protocol = new ListenerProtocol(in, out);
        supervisord.write(Frames.start().event("PROCESS_STATE_RUNNING", Frames.state("naïve😀", "g", "STARTING", "pid:1"))
                .bytes());
        supervisord.flush();
        Frame frame = assertTimeoutPreemptively(Duration.ofSeconds(5), protocol::next);
        assertEquals(Frames.state("naïve😀", "g", "STARTING", "pid:1"), envelope(frame).payload());
        supervisord.close();
    }

    @Test
    void garbledHeadersComeBackAsGarbledAndTheNextEventStillReads() throws IOException {
        byte[] bytes = Frames.start().raw("\n").raw("ver:3.0 eventname:PROCESS_STATE_RUNNING\n")
                .raw("len:abc eventname:X\n").raw("len:-3 eventname:X\n").raw("len:2 pool:p\nok")
                .event("PROCESS_STATE_RUNNING", "processname:a groupname:a from_state:STARTING pid:1").bytes();
        List<Frame> read = readAll(new ByteArrayInputStream(bytes));
        assertEquals(6, read.size());
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Frame.Garbled.class, read.get(i), "frame " + i);
        }
        assertTrue(((Frame.Garbled) read.get(4)).raw().contains("ok"), "a payload without event name is consumed");
        assertEquals("PROCESS_STATE_RUNNING", envelope(read.get(5)).header().eventName());
    }

    @Test
    void anOverlongHeaderIsCutAndSkipped() throws IOException {
        byte[] bytes = Frames.start().raw("x".repeat(100_000) + "\n")
                .event("PROCESS_STATE_RUNNING", "processname:a groupname:a from_state:STARTING pid:1").bytes();
        List<Frame> read = readAll(new ByteArrayInputStream(bytes));
        Frame.Garbled garbled = assertInstanceOf(Frame.Garbled.class, read.get(0));
        assertEquals(ListenerProtocol.MAX_HEADER_BYTES, garbled.raw().length());
        assertEquals("PROCESS_STATE_RUNNING", envelope(read.get(1)).header().eventName());
    }

    @Test
    void anOverlongPayloadIsTruncatedButTheFramingHolds() throws IOException {
        String big = "processname:a groupname:a pid:1 channel:stderr\n" + "é".repeat(ListenerProtocol.MAX_PAYLOAD_CHARS);
        byte[] bytes = Frames.start().event("PROCESS_LOG_STDERR", big).event("SUPERVISOR_STATE_CHANGE_RUNNING", "").bytes();
        List<Frame> read = readAll(new ByteArrayInputStream(bytes));
        assertTrue(envelope(read.get(0)).truncated());
        assertEquals(ListenerProtocol.MAX_PAYLOAD_CHARS, envelope(read.get(0)).payload().length());
        assertFalse(envelope(read.get(1)).truncated());
        assertEquals("SUPERVISOR_STATE_CHANGE_RUNNING", envelope(read.get(1)).header().eventName());
    }

    @Test
    void invalidUtf8CountsOneCharacterPerBadByte() throws IOException {
        byte[] bytes = Frames.start().raw("eventname:X len:3\n").raw(new byte[] {(byte) 0xff, (byte) 0xc3, 'a'})
                .raw("eventname:Y len:0\n").bytes();
        List<Frame> read = readAll(new ByteArrayInputStream(bytes));
        assertEquals("\uFFFD\uFFFDa", envelope(read.get(0)).payload());
        assertEquals("Y", envelope(read.get(1)).header().eventName());
    }

    @Test
    void endOfInputInsideAPayloadIsReported() throws IOException {
        ListenerProtocol protocol = new ListenerProtocol(
                new ByteArrayInputStream("eventname:X len:10\nabc".getBytes(StandardCharsets.UTF_8)), out);
        EOFException e = assertThrows(EOFException.class, protocol::next);
        assertTrue(e.getMessage().contains("3 of the 10"), e.getMessage());
    }

    @Test
    void endOfInputBetweenEventsIsTheEnd() throws IOException {
        assertNull(new ListenerProtocol(new ByteArrayInputStream(new byte[0]), out).next());
    }

    @Test
    void answersAreExactlyTheProtocolTokens() throws IOException {
        ListenerProtocol protocol = new ListenerProtocol(new ByteArrayInputStream(new byte[0]), out);
        protocol.ready();
        protocol.answer(Result.OK);
        protocol.answer(Result.FAIL);
        assertEquals("READY\nRESULT 2\nOKREADY\nRESULT 4\nFAILREADY\n", out.toString(StandardCharsets.US_ASCII));
    }
}
