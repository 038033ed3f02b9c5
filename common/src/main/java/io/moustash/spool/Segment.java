package io.moustash.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One spool file, append-only, held under an exclusive {@link FileLock} by the one process that
 * writes or drains it; the lock dies with the process, so a file whose lock is free belongs to
 * nobody and may be claimed. It starts with a {@link Record#HEADER} naming its format and
 * destination (files of format 1 have none). Beside it, {@code NAME.ack} remembers how far it was
 * delivered, so a process that dies while draining leaves at most one batch to be sent again.
 *
 * <p>Not thread-safe: the {@link Spool} that holds it serializes every call.
 */
final class Segment {
    static final String SUFFIX = ".spool";
    static final String ACK_SUFFIX = ".ack";

    private final Path path;
    private final SegmentName name;
    private final FileChannel channel;
    private final RecordReader reader;
    /** From the header; {@code null} for a file of format 1, which any spool may deliver. */
    private final String destination;
    private final int formatVersion;
    /** Where the events start: after the header. */
    private final long start;
    private long end;
    private long readPosition;
    private long ackPosition;
    private volatile boolean deleted;

    private Segment(Path path, SegmentName name, FileChannel channel, Record header, long end, long ackPosition,
            Consumer<String> warnings) {
        this.path = path;
        this.name = name;
        this.channel = channel;
        this.reader = new RecordReader(channel, path, warnings);
        this.destination = header == null ? null : header.destination();
        this.formatVersion = header == null ? 1 : header.formatVersion();
        this.start = header == null ? 0 : header.size();
        this.end = end;
        this.ackPosition = Math.max(start, ackPosition);
        this.readPosition = this.ackPosition;
    }

    /**
     * A new file for this process to write, {@code rw-------}, locked, its header written (not
     * forced: the first {@link #force} does); {@code null} if another process locked it first. A
     * file whose header cannot be written is deleted again.
     */
    static Segment create(Path dir, SegmentName name, String destination, Consumer<String> warnings)
            throws IOException {
        Path path = dir.resolve(name.fileName());
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PrivateFiles.file(dir));
        if (!tryLock(channel)) {
            channel.close();
            return null;
        }
        Record header = Record.header(System.currentTimeMillis(), destination);
        Segment segment = new Segment(path, name, channel, header, 0, 0, warnings);
        try {
            segment.write(List.of(header));
        } catch (IOException e) {
            segment.delete();
            throw e;
        }
        return segment;
    }

    /**
     * Takes over a file nobody holds (its writer finished or died); {@code null} when a live process
     * (this one included) holds it or it has gone.
     */
    static Segment claim(Path path, Consumer<String> warnings) throws IOException {
        SegmentName name = SegmentName.parse(path.getFileName().toString());
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!tryLock(channel)) {
            channel.close();
            return null;
        }
        if (!Files.exists(path)) {
            // Deleted by its last holder between our open and our lock.
            channel.close();
            return null;
        }
        try {
            long size = channel.size();
            Record first = new RecordReader(channel, path, warnings).readAt(0, size);
            Record header = first != null && first.type() == Record.HEADER ? first : null;
            long acked = readAck(ackPath(path));
            return new Segment(path, name, channel, header, size, acked >= 0 && acked <= size ? acked : 0, warnings);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            // Another Spool of this same JVM holds it: as busy as if another process did.
            return false;
        }
    }

    /**
     * Writes {@code records} after the last whole record, without forcing them to disk (see
     * {@link #force}); on failure the file is cut back to its last whole record.
     */
    void write(List<Record> records) throws IOException {
        int bytes = 0;
        for (Record record : records) {
            bytes += record.size();
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        for (Record record : records) {
            record.writeTo(buffer);
        }
        buffer.flip();
        try {
            long at = end;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // The reader skips a torn tail anyway.
            }
            throw e;
        }
        end += bytes;
    }

    /**
     * Forces what was written to disk. Data only ({@code force(false)}): the length of a file that
     * grew is part of what that still writes, and the file's times do not matter. Thread-safe with
     * {@link #write}; a file deleted meanwhile (delivered) needs nothing.
     */
    void force() throws IOException {
        try {
            channel.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            if (!deleted) {
                throw e;
            }
        }
    }

    /**
     * Up to {@code maxRecords} records (and about {@code maxBytes}) after the last one handed out;
     * never the header.
     */
    List<Record> read(int maxRecords, long maxBytes) throws IOException {
        List<Record> records = new ArrayList<>();
        long bytes = 0;
        while (records.size() < maxRecords && bytes < maxBytes && readPosition < end) {
            RecordReader.Next next = reader.read(readPosition, end);
            if (next == null) {
                readPosition = end;
                break;
            }
            if (next.record().type() == Record.HEADER) {
                readPosition = next.position();
                continue;
            }
            records.add(next.record());
            bytes += next.record().size();
            readPosition = next.position();
        }
        return records;
    }

    /**
     * Everything before {@code position} was delivered: remembered here first, so that this process
     * never hands it out again, then in {@code NAME.ack} for the next one. A failure to write that
     * file throws, and costs at most a resend after a crash.
     *
     * @return whether the file was written (it is not once everything is delivered: the file goes)
     */
    boolean ack(long position) throws IOException {
        ackPosition = Math.max(ackPosition, position);
        if (ackPosition < end) {
            // Not forced: a lost update only means a batch is sent twice, which at-least-once allows.
            try (FileChannel ack = FileChannel.open(ackPath(path), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.file(path.getParent()))) {
                ack.write(ByteBuffer.allocate(8).putLong(0, ackPosition), 0);
            }
            return true;
        }
        return false;
    }

    /**
     * The events not yet delivered, counted, and the file deleted; {@code null} when there were none.
     * A batch handed out from it and not yet sent counts as dropped: its sender gives it up
     * ({@link SpoolBatch#orphaned}).
     */
    DropReport dropRemaining() throws IOException {
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long at = ackPosition; at < end; ) {
            RecordReader.Next next = reader.read(at, end);
            if (next == null) {
                break;
            }
            if (next.record().type() == Record.EVENT) {
                count++;
                first = Math.min(first, next.record().time());
                last = Math.max(last, next.record().time());
            }
            at = next.position();
        }
        delete();
        return count == 0 ? null : new DropReport(count, Instant.ofEpochMilli(first), Instant.ofEpochMilli(last));
    }

    /** Deletes the file and its ack, then lets go of the lock (in that order, so nobody claims a dying file). */
    void delete() throws IOException {
        if (deleted) {
            return;
        }
        deleted = true;
        try {
            Files.deleteIfExists(ackPath(path));
            Files.deleteIfExists(path);
        } finally {
            channel.close();
        }
    }

    /** Lets go of the file, leaving it for the next run of any tool. */
    void release() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing only releases the lock; there is nothing left to save.
        }
    }

    private static long readAck(Path ackPath) {
        try {
            byte[] bytes = Files.readAllBytes(ackPath);
            return bytes.length == 8 ? ByteBuffer.wrap(bytes).getLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    static Path ackPath(Path segment) {
        return segment.resolveSibling(segment.getFileName() + ACK_SUFFIX);
    }

    Path path() {
        return path;
    }

    SegmentName name() {
        return name;
    }

    /** Where its events go, from its header; {@code null} for a file of format 1 (no header). */
    String destination() {
        return destination;
    }

    int formatVersion() {
        return formatVersion;
    }

    /** Whether it holds anything after its header. */
    boolean hasRecords() {
        return end > start;
    }

    long end() {
        return end;
    }

    boolean deleted() {
        return deleted;
    }

    /** Records are there that were never handed out. */
    boolean hasUnread() {
        return !deleted && readPosition < end;
    }

    /** Records are there that were not delivered (handed out or not). */
    boolean hasUnacked() {
        return !deleted && ackPosition < end;
    }

    boolean fullyAcked() {
        return ackPosition >= end;
    }

    long readPosition() {
        return readPosition;
    }
}
