package io.moustash.spool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One framed record of a spool file. On disk:
 *
 * <pre>
 * magic   4 bytes  {@value #MAGIC_TEXT}, to find the next record after a damaged one
 * type    1 byte   {@link #EVENT}, {@link #DROPPED} or {@link #HEADER}
 * time    8 bytes  when it was spooled, epoch milliseconds
 * length  4 bytes  of the body
 * crc     4 bytes  CRC32C of type, time, length and body
 * body    length bytes: for EVENT a JSON document; for DROPPED three longs (count, first, last
 *         time); for HEADER an int, the format version ({@value #FORMAT_VERSION}), then the
 *         destination in UTF-8 (see {@link io.moustash.transport.Transport#destination()})
 * </pre>
 *
 * Big-endian throughout. A record whose checksum does not match was torn by a crash or damaged on
 * disk: it is skipped, never parsed.
 *
 * <p><b>Files:</b> a spool file starts with one HEADER record, then holds EVENT records. Files of
 * format version 1 (Moustash releases before the header) have no header: they hold EVENT records
 * from byte 0, and any spool may deliver them. The drops file holds DROPPED records only.
 */
record Record(byte type, long time, byte[] body) {
    static final String MAGIC_TEXT = "MSP1";
    static final int MAGIC = 0x4D535031;
    static final byte EVENT = 1;
    static final byte DROPPED = 2;
    static final byte HEADER = 3;
    /** The spool file format this release writes: 2 since files start with a {@link #HEADER}. */
    static final int FORMAT_VERSION = 2;
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

    static boolean knownType(byte type) {
        return type == EVENT || type == DROPPED || type == HEADER;
    }

    static int crc(byte type, long time, byte[] body, int offset, int length) {
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(13).put(type).putLong(time).putInt(length);
        crc.update(head.flip());
        crc.update(body, offset, length);
        return (int) crc.getValue();
    }

    static Record header(long now, String destination) {
        byte[] name = destination.getBytes(StandardCharsets.UTF_8);
        return new Record(HEADER, now, ByteBuffer.allocate(4 + name.length).putInt(FORMAT_VERSION).put(name).array());
    }

    /** For a {@link #HEADER}: the format version of its file. */
    int formatVersion() {
        return body.length < 4 ? 0 : ByteBuffer.wrap(body).getInt();
    }

    /** For a {@link #HEADER}: where its file's events go. */
    String destination() {
        return body.length < 4 ? "" : new String(body, 4, body.length - 4, StandardCharsets.UTF_8);
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
