package io.moustash.fouet.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The listener's side of supervisord's event-listener protocol (supervisor 4, docs/events.rst):
 * write {@code READY\n}; read a header line of {@code name:value} tokens in any order; read a
 * payload of {@code len} characters; answer {@code RESULT 2\nOK} or {@code RESULT 4\nFAIL}; say
 * {@code READY\n} again.
 *
 * <p>The output stream carries these tokens and nothing else: supervisord puts a listener that
 * writes anything else in its UNKNOWN state, where it silently receives no more events.
 * <p>Never throws on bad input: what cannot be read as an event comes back as
 * {@link Frame.Garbled}, and the caller answers it like any other. Memory is bounded: header lines
 * are cut at {@value #MAX_HEADER_BYTES} bytes, payloads kept up to {@value #MAX_PAYLOAD_CHARS}
 * characters (the rest is read and dropped, so the framing holds).
 * <p>Not thread-safe: one thread reads and answers.
 */
public final class ListenerProtocol {
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    public static final int MAX_PAYLOAD_CHARS = 1024 * 1024;
    private static final byte[] READY = "READY\n".getBytes(StandardCharsets.US_ASCII);

    private final CodePointInput in;
    private final OutputStream out;

    public ListenerProtocol(InputStream in, OutputStream out) {
        this.in = new CodePointInput(in);
        this.out = out;
    }

    /**
     * Tells supervisord the listener is ready for its first event.
     *
     * @throws SupervisorGone when supervisord closed the output (a broken pipe)
     */
    public void ready() throws IOException {
        write(READY);
    }

    /**
     * Reads the next event. Returns {@code null} at end of input between events.
     *
     * @throws EOFException when input ends inside a payload
     */
    public Frame next() throws IOException {
        CodePointInput.Line line = in.readLine(MAX_HEADER_BYTES);
        if (line == null) {
            return null;
        }
        if (line.cut()) {
            return new Frame.Garbled(line.text(), "header line longer than " + MAX_HEADER_BYTES + " bytes");
        }
        Map<String, String> tokens = new HashMap<>();
        Tokens.parse(line.text(), tokens, null);
        long len;
        try {
            len = Long.parseLong(tokens.getOrDefault("len", ""));
        } catch (NumberFormatException e) {
            return new Frame.Garbled(line.text(), "header without a valid len");
        }
        if (len < 0) {
            return new Frame.Garbled(line.text(), "header with a negative len");
        }
        StringBuilder payload = new StringBuilder((int) Math.min(len, 4096));
        long read = in.readCodePoints(len, payload, MAX_PAYLOAD_CHARS);
        if (read < len) {
            throw new EOFException("input ended after " + read + " of the " + len
                    + " characters of the payload announced by: " + line.text());
        }
        Header header = new Header(line.text(), tokens);
        if (header.eventName() == null || header.eventName().isEmpty()) {
            return new Frame.Garbled(line.text() + "\n" + payload, "header without an eventname");
        }
        return new Frame.Envelope(header, payload.toString(), len > MAX_PAYLOAD_CHARS);
    }

    /**
     * Answers the event just read and says READY for the next, in one write.
     *
     * @throws SupervisorGone when supervisord closed the output (a broken pipe)
     */
    public void answer(Result result) throws IOException {
        byte[] answer = result.bytes();
        byte[] both = new byte[answer.length + READY.length];
        System.arraycopy(answer, 0, both, 0, answer.length);
        System.arraycopy(READY, 0, both, answer.length, READY.length);
        write(both);
    }

    /** Every write failure means the same here: the only reader of this stream, supervisord, is gone. */
    private void write(byte[] bytes) throws SupervisorGone {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new SupervisorGone(e);
        }
    }
}
