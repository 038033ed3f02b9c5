package io.moustash.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a recorded supervisord event stream: one event a line, {@code EVENTNAME|payload}, where
 * {@code \n} stands for a newline inside the payload and {@code \\} for a backslash. Blank lines and
 * lines starting with {@code #} are comments. The header is not recorded: the player writes it, as
 * supervisord does, from the name and the payload.
 */
final class SupervisordRecording {
    static final String RESOURCE = "/supervisord-events.txt";

    private SupervisordRecording() {
    }

    /** The recording shipped with the demo. */
    static List<RecordedEvent> bundled() {
        InputStream in = SupervisordRecording.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new DemoFailure("the recorded supervisord stream " + RESOURCE + " is missing from the demo's jar");
        }
        try (in) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RecordedEvent> parse(String text) {
        List<RecordedEvent> events = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            if (bar <= 0) {
                throw new DemoFailure("recorded supervisord stream, line " + (i + 1)
                        + ": expected EVENTNAME|payload, got: " + line);
            }
            events.add(new RecordedEvent(line.substring(0, bar), unescape(line.substring(bar + 1))));
        }
        return events;
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == 'n' || next == '\\') {
                    out.append(next == 'n' ? '\n' : '\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
