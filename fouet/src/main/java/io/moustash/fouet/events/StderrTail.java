package io.moustash.fouet.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last lines each process wrote on stderr since it was last started, from supervisord's
 * {@code PROCESS_LOG_STDERR} events, so that a crash report can say what that run said before it
 * died, and never what an earlier run said: {@link #started} forgets the earlier run's lines.
 * supervisord sends a process's STARTING before the child exists and drains its pipes before
 * sending the state that ends a run, so the lines between the two are that run's.
 *
 * <p>Memory is bounded three ways: {@code maxLines} lines per process, {@value #MAX_LINE_CHARS}
 * characters per line (longer lines are cut), and {@value #MAX_PROCESSES} processes (the one heard
 * from least recently is forgotten). supervisord sends output in chunks as it reads the pipe, not
 * line by line, so a chunk's unfinished last line waits for the next chunk.
 *
 * <p>Not thread-safe: the listener's one thread uses it.
 */
public final class StderrTail {
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_PROCESSES = 512;

    private final int maxLines;
    private final Map<String, Tail> tails = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tail> eldest) {
            return size() > MAX_PROCESSES;
        }
    };

    private static final class Tail {
        final Deque<String> lines = new ArrayDeque<>();
        final StringBuilder partial = new StringBuilder();
    }

    public StderrTail(int maxLines) {
        this.maxLines = maxLines;
    }

    /** Adds a chunk of what {@code process} wrote on stderr. */
    public void add(String process, String chunk) {
        if (maxLines == 0) {
            return;
        }
        Tail tail = tails.computeIfAbsent(process, p -> new Tail());
        int start = 0;
        for (int nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
            append(tail.partial, chunk, start, nl);
            push(tail, stripCarriageReturn(tail.partial.toString()));
            tail.partial.setLength(0);
            start = nl + 1;
        }
        append(tail.partial, chunk, start, chunk.length());
    }

    /** {@code process} is being started again: what its earlier runs wrote is theirs, not the new run's. */
    public void started(String process) {
        tails.remove(process);
    }

    /** The last line of {@link #lines} that is not blank, stripped; {@code null} when there is none. */
    public String lastLine(String process) {
        List<String> lines = lines(process);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return null;
    }

    /** The process's last lines, oldest first, including an unfinished last line; empty when none. */
    public List<String> lines(String process) {
        Tail tail = tails.get(process);
        if (tail == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(tail.lines);
        if (tail.partial.length() > 0) {
            lines.add(stripCarriageReturn(tail.partial.toString()));
            if (lines.size() > maxLines) {
                lines.remove(0);
            }
        }
        return List.copyOf(lines);
    }

    private void push(Tail tail, String line) {
        tail.lines.addLast(line);
        while (tail.lines.size() > maxLines) {
            tail.lines.removeFirst();
        }
    }

    private static void append(StringBuilder partial, String chunk, int from, int to) {
        int room = MAX_LINE_CHARS - partial.length();
        if (room > 0) {
            partial.append(chunk, from, Math.min(to, from + room));
        }
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
