package io.moustash.spool;

/**
 * Where one {@link Spool#write} put its records: the file and the offset of the first. Lets the
 * writer mark exactly those records delivered later ({@link Spool#skipWritten}), even if other
 * writes came after them or the size cap dropped files meanwhile.
 */
public final class SpoolMark {
    final Segment segment;
    final long start;

    SpoolMark(Segment segment, long start) {
        this.segment = segment;
        this.start = start;
    }
}
