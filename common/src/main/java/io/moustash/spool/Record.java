package io.moustash.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One framed record of a spool file. On disk:
 *
 * <pre>
 * magic   4 bytes  {@value #MAGIC_TEXT}, to find the next record after a damaged one
 * type    1 byte   {@link #EVENT} or {@link #DROPPED}
 * time    8 bytes  when it was spooled, epoch milliseconds
 * length  4 bytes  of the body
 * crc     4 bytes  CRC32C of type, time, length and body
 * body    length bytes: a JSON document, or for DROPPED three longs (count, first, last time)
 * </pre>
 *
 * Big-endian throughout. A record whose checksum does not match was torn by a crash or damaged on
 * disk: it is skipped, never parsed.
 */
record Record(byte type, long time, byte[] body) {
    static final String MAGIC_TEXT = "MSP1";
    static final int MAGIC = 0x4D535031;
    static final byte EVENT = 1;
    static final byte DROPPED = 2;
    static final int HEADER_BYTES = 4 + 1 + 8 + 4 + 4;
    /** Larger lengths can only come from damage; no event is this big. */
    static final int MAX_BODY_BYTES = 64 << 20;

    int size() {
        return HEADER_BYTES + body.length;
    }

    void writeTo(ByteBuffer out) {
        out.putInt(MAGIC).put(type).putLong(time).putInt(body.length).putInt(crc(type, time, body, 0, body.length))
                .put(body);
    }

    static int crc(byte type, long time, byte[] body, int offset, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(13).put(type).putLong(time).putInt(length);
        crc.update(head.flip());
        crc.update(body, offset, length);
        return (int) crc.getValue();
    }

    static Record dropped(long now, DropReport report) {
        byte[] body = ByteBuffer.allocate(24).putLong(report.count()).putLong(report.first().toEpochMilli())
                .putLong(report.last().toEpochMilli()).array();
        return new Record(DROPPED, now, body);
    }

    DropReport asDropReport() {
        ByteBuffer in = ByteBuffer.wrap(body);
        return new DropReport(in.getLong(), java.time.Instant.ofEpochMilli(in.getLong()),
                java.time.Instant.ofEpochMilli(in.getLong()));
    }
}
