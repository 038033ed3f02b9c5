package io.moustash.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads framed {@link Record}s from a file. A record that does not check out (torn by a crash,
 * damaged on disk) is skipped with one warning, and reading resumes at the next byte offset where a
 * whole, valid record starts: one bad record never hides the ones after it. It hands out every
 * valid record, a file's {@link Record#HEADER} included: {@link Segment#read} passes over that one.
 */
final class RecordReader {
    private static final int SCAN_CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final Path path;
    private final Consumer<String> warnings;

    RecordReader(FileChannel channel, Path path, Consumer<String> warnings) {
        this.channel = channel;
        this.path = path;
        this.warnings = warnings;
    }

    /** A record and where the next one starts. */
    record Next(Record record, long position) {
    }

    /** The first valid record at or after {@code position} and before {@code end}, or {@code null}. */
    Next read(long position, long end) throws IOException {
        long at = position;
        while (at < end) {
            Record record = parseAt(at, end);
            if (record != null) {
                return new Next(record, at + record.size());
            }
            long resume = findRecord(at + 1, end);
            warnings.accept("spool " + path + ": " + (resume >= end ? "torn record" : "damaged record")
                    + " at byte " + at + " (" + (resume - at) + " bytes) skipped");
            at = resume;
        }
        return null;
    }

    /** The whole, valid record that starts exactly at {@code position}, or {@code null}; says nothing either way. */
    Record readAt(long position, long end) throws IOException {
        return parseAt(position, end);
    }

    private Record parseAt(long position, long end) throws IOException {
        if (position + Record.HEADER_BYTES > end) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(Record.HEADER_BYTES);
        readFully(header, position);
        header.flip();
        if (header.getInt() != Record.MAGIC) {
            return null;
        }
        byte type = header.get();
        long time = header.getLong();
        int length = header.getInt();
        int crc = header.getInt();
        if (!Record.knownType(type) || length < 0 || length > Record.MAX_BODY_BYTES
                || position + Record.HEADER_BYTES + length > end) {
            return null;
        }
        byte[] body = new byte[length];
        readFully(ByteBuffer.wrap(body), position + Record.HEADER_BYTES);
        if (Record.crc(type, time, body, 0, length) != crc) {
            return null;
        }
        return new Record(type, time, body);
    }

    /** The first offset in [from, end) where a valid record starts; {@code end} when there is none. */
    private long findRecord(long from, long end) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(SCAN_CHUNK);
        long base = from;
        while (base + 4 <= end) {
            chunk.clear();
            chunk.limit((int) Math.min(SCAN_CHUNK, end - base));
            readFully(chunk, base);
            int filled = chunk.position();
            for (int i = 0; i + 4 <= filled; i++) {
                if (chunk.getInt(i) == Record.MAGIC && parseAt(base + i, end) != null) {
                    return base + i;
                }
            }
            if (base + filled >= end) {
                break;
            }
            base += filled - 3;
        }
        return end;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException(path + " ended at byte " + at);
            }
            at += n;
        }
    }
}
