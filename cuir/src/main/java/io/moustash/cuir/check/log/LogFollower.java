package io.moustash.cuir.check.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Follows one log file for one probe, as {@code tail -F} does: the first round finds the end of the
 * file, each later round reads what was written since. The file stays open between rounds, so that
 * when it is rotated (its name now leads to another file, or to none) the rest of the old file is
 * read before the new one is read from its start; a file that shrank was truncated and is read
 * from its start; a file that appears after Cuir started is read from its start.
 *
 * <p>A round reads at most {@value #MAX_READ} bytes: after a bigger burst the oldest new bytes are
 * skipped (and counted as skipped), so a round's time stays bounded and its count and lines are
 * about the latest lines. A line without its newline yet is left for the next round.
 *
 * <p>Thread-safe: rounds of one follower run one at a time. Blocking: reads a local file.
 */
final class LogFollower implements AutoCloseable {
    /** The most a round reads. */
    static final long MAX_READ = 4L << 20;
    /** Lines longer than this are matched on their first {@value} bytes only. */
    static final int MAX_LINE = 64 * 1024;
    /** Matching lines an event carries, the last ones. */
    static final int KEPT_LINES = 5;
    /** Characters of each carried line. */
    static final int MAX_SHOWN = 512;

    private final Path file;
    private FileChannel channel;
    private Object fileKey;
    /** Where the next round starts in {@link #channel}: after the last complete line read. */
    private long position;
    /** Whether {@link #position} is inside a line (after a skip or an overlong line), whose rest is not a line. */
    private boolean midLine;
    private boolean started;
    private long lastRoundNanos;
    private boolean closed;
    private LogCount unreported;

    LogFollower(Path file) {
        this.file = file;
    }

    /** One round: the new lines matching {@code match}. */
    synchronized LogCount read(Pattern match, long nowNanos) throws IOException {
        if (closed) {
            throw new IOException("probing has stopped");
        }
        boolean first = !started;
        long window = first ? 0 : nowNanos - lastRoundNanos;
        Scan scan = new Scan(match);
        List<String> changes = new ArrayList<>();
        BasicFileAttributes attributes = attributes();
        if (channel != null && (attributes == null || fileKey != null && !fileKey.equals(attributes.fileKey()))) {
            // Rotated or removed: what was written to the old file since the last round still counts.
            scan.read(channel, position, channel.size(), true);
            closeChannel();
            changes.add(attributes == null ? "missing" : "rotated");
        } else if (attributes == null) {
            changes.add("missing");
        }
        if (attributes != null) {
            if (attributes.isDirectory()) {
                throw new IOException("is a directory");
            }
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
                fileKey = attributes.fileKey();
                position = first ? channel.size() : 0;
                midLine = false;
            }
            long size = channel.size();
            if (size < position) {
                changes.add("truncated");
                position = 0;
                midLine = false;
            }
            scan.read(channel, position, size, false);
        }
        started = true;
        lastRoundNanos = nowNanos;
        LogCount count = new LogCount(first, scan.matches, new ArrayList<>(scan.kept), scan.bytesRead, scan.skipped,
                window, changes);
        if (unreported != null) {
            count = merged(unreported, count);
            unreported = null;
        }
        return count;
    }

    /**
     * A round that was read after its probe had timed out: its lines were read (the place moved on),
     * so they are counted with the next round rather than lost.
     */
    synchronized void unreported(LogCount late) {
        unreported = unreported == null ? late : merged(unreported, late);
    }

    /** Two rounds as one: their counts summed over both windows, the last lines of both. */
    static LogCount merged(LogCount earlier, LogCount later) {
        if (earlier.first()) {
            // A first round only finds the end of the file: nothing of it to carry.
            return later;
        }
        List<String> lines = new ArrayList<>(earlier.lines());
        lines.addAll(later.lines());
        List<String> changes = new ArrayList<>(earlier.changes());
        later.changes().stream().filter(c -> !changes.contains(c)).forEach(changes::add);
        return new LogCount(false, earlier.matches() + later.matches(),
                lines.subList(Math.max(0, lines.size() - KEPT_LINES), lines.size()),
                earlier.bytesRead() + later.bytesRead(), earlier.skippedBytes() + later.skippedBytes(),
                earlier.windowNanos() + later.windowNanos(), changes);
    }

    private BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void closeChannel() throws IOException {
        FileChannel c = channel;
        channel = null;
        fileKey = null;
        position = 0;
        midLine = false;
        c.close();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            try {
                closeChannel();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }

    /** One round's reading, over one or two files (the old one's rest after a rotation, then the new one). */
    private final class Scan {
        private final Pattern match;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private final Deque<String> kept = new ArrayDeque<>();
        private byte[] line = new byte[256];
        private int lineLength;
        private long budget = MAX_READ;
        private int matches;
        private long bytesRead;
        private long skipped;

        Scan(Pattern match) {
            this.match = match;
        }

        /**
         * Reads {@code from} to {@code to}, the latest {@link #budget} bytes of it at most, and leaves
         * {@link #position} after its last complete line ({@code last}: after everything, for a file
         * that will not grow any more).
         */
        void read(FileChannel in, long from, long to, boolean last) throws IOException {
            long start = from;
            boolean discarding = midLine;
            if (to - from > budget) {
                // One byte before the latest budget: if it ends a line only it is discarded, else the cut line's rest.
                start = Math.max(from, to - budget - 1);
                skipped += start - from;
                discarding |= start > from;
            }
            lineLength = 0;
            long consumed = start;
            long at = start;
            while (at < to) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), to - at));
                int n = in.read(buffer, at);
                if (n <= 0) {
                    break;
                }
                byte[] bytes = buffer.array();
                for (int i = 0; i < n; i++) {
                    if (bytes[i] == '\n') {
                        if (!discarding) {
                            line();
                        }
                        discarding = false;
                        lineLength = 0;
                        consumed = at + i + 1;
                    } else if (!discarding) {
                        append(bytes[i]);
                    }
                }
                at += n;
            }
            bytesRead += at - start;
            budget = Math.max(0, budget - (at - start));
            if (discarding) {
                // still in the rest of a cut line: nothing of it is kept
                consumed = at;
                midLine = true;
            } else if (at > consumed && (last || at - consumed >= MAX_LINE)) {
                // The old file's last line, or a line too long to wait for: counted now, its rest is not a line.
                line();
                consumed = at;
                midLine = !last;
            } else {
                midLine = false;
            }
            position = consumed;
        }

        private void append(byte b) {
            if (lineLength == MAX_LINE) {
                return;
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[lineLength++] = b;
        }

        private void line() {
            int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            if (match.matcher(text).find()) {
                matches++;
                if (kept.size() == KEPT_LINES) {
                    kept.removeFirst();
                }
                kept.addLast(text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text);
            }
        }
    }
}
