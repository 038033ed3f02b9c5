package io.moustash.fouet.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes what supervisord writes: the header supervisor 4 builds, with len counted in characters, then UTF-8. */
public final class Frames {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int serial = 1;

    public static Frames start() {
        return new Frames();
    }

    /** Frames whose first serial is {@code serial}, to go on from earlier frames. */
    public static Frames startingAt(int serial) {
        Frames frames = new Frames();
        frames.serial = serial;
        return frames;
    }

    /** One event as supervisor 4's {@code _eventEnvelope} formats it. */
    public Frames event(String eventName, String payload) {
        String header = "ver:3.0 server:supervisor serial:" + serial + " pool:fouet poolserial:" + serial
                + " eventname:" + eventName + " len:" + payload.codePointCount(0, payload.length()) + "\n";
        serial++;
        return raw(header + payload);
    }

    public Frames raw(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Frames raw(byte[] data) {
        bytes.writeBytes(data);
        return this;
    }

    public byte[] bytes() {
        return bytes.toByteArray();
    }

    public static String state(String name, String group, String state, String extra) {
        return "processname:" + name + " groupname:" + group + " from_state:" + state + (extra.isEmpty() ? "" : " " + extra);
    }
}
