package io.moustash.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Supervisord's side of the event-listener protocol (supervisor 4, docs/events.rst), played from a
 * recording: wait for {@code READY\n}; write the header
 * {@code ver:3.0 server:supervisor serial:N pool:fouet poolserial:N eventname:X len:L} and the
 * payload; read {@code RESULT n\n} and its n bytes, which must say {@code OK}; wait for the next
 * {@code READY}.
 *
 * <p>Like supervisor 4, {@code len} counts the payload's characters (code points, Python's
 * {@code len(str)}), and the payload goes out in UTF-8, so a non-ASCII payload is longer in bytes
 * than its {@code len}.
 * <p>Reads block: the caller bounds the time by stopping the listener, which ends its stream.
 * Anything supervisord would not accept ends the play with a {@link DemoFailure}. Not thread-safe.
 */
final class SupervisordPlayer {
    static final String POOL = "fouet";
    private static final int MAX_LINE = 256;

    private final InputStream fromListener;
    private final OutputStream toListener;
    private final String listener;

    /** @param listener the listener's name, for messages */
    SupervisordPlayer(InputStream fromListener, OutputStream toListener, String listener) {
        this.fromListener = fromListener;
        this.toListener = toListener;
        this.listener = listener;
    }

    /** Plays every event in order and returns once the listener is READY after the last one. */
    void play(List<RecordedEvent> events) throws IOException {
        int serial = 1;
        for (RecordedEvent event : events) {
            awaitReady();
            toListener.write(envelope(serial++, event));
            toListener.flush();
            awaitOk(event);
        }
        awaitReady();
    }

    /** The header and payload supervisor 4's {@code _eventEnvelope} writes for the serial-th event of the pool. */
    static byte[] envelope(int serial, RecordedEvent event) {
        String payload = event.payload();
        String header = "ver:3.0 server:supervisor serial:" + serial + " pool:" + POOL + " poolserial:" + serial
                + " eventname:" + event.name() + " len:" + payload.codePointCount(0, payload.length()) + "\n";
        return (header + payload).getBytes(StandardCharsets.UTF_8);
    }

    private void awaitReady() throws IOException {
        String line = readLine("READY");
        if (!line.equals("READY")) {
            throw new DemoFailure(listener + " wrote \"" + line + "\" where supervisord expects READY"
                    + " (supervisord would put it in the UNKNOWN state)");
        }
    }

    private void awaitOk(RecordedEvent event) throws IOException {
        String line = readLine("RESULT");
        if (!line.matches("RESULT \\d{1,4}")) {
            throw new DemoFailure(listener + " answered " + event.name() + " with \"" + line
                    + "\" where supervisord expects RESULT n");
        }
        int length = Integer.parseInt(line.substring("RESULT ".length()));
        byte[] body = fromListener.readNBytes(length);
        String result = new String(body, StandardCharsets.UTF_8);
        if (body.length < length) {
            throw new DemoFailure(listener + " stopped in the middle of its answer to " + event.name());
        }
        if (!result.equals("OK")) {
            throw new DemoFailure(listener + " answered " + event.name() + " with " + result
                    + ": it could keep the event nowhere (supervisord would send it again)");
        }
    }

    private String readLine(String expected) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = fromListener.read(); b != '\n'; b = fromListener.read()) {
            if (b < 0) {
                throw new DemoFailure(listener + " closed its stdout while supervisord waited for " + expected
                        + (line.size() > 0 ? " (after \"" + line.toString(StandardCharsets.UTF_8) + "\")" : ""));
            }
            if (line.size() == MAX_LINE) {
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
