package io.moustash.spool;

import java.util.Comparator;

/**
 * A spool file's name, {@code MILLIS-PID-SEQUENCE.spool}: when it was started, by which process,
 * and its place among that process's files. Files are drained oldest first in this order.
 */
record SegmentName(long millis, long pid, long sequence) implements Comparable<SegmentName> {
    private static final Comparator<SegmentName> ORDER = Comparator.comparingLong(SegmentName::millis)
            .thenComparingLong(SegmentName::pid).thenComparingLong(SegmentName::sequence);

    String fileName() {
        return String.format("%013d-%d-%06d%s", millis, pid, sequence, Segment.SUFFIX);
    }

    static boolean matches(String fileName) {
        return fileName.endsWith(Segment.SUFFIX) && parseOrNull(fileName) != null;
    }

    static SegmentName parse(String fileName) {
        SegmentName name = parseOrNull(fileName);
        if (name == null) {
            throw new IllegalArgumentException("not a spool file name: " + fileName);
        }
        return name;
    }

    private static SegmentName parseOrNull(String fileName) {
        if (!fileName.endsWith(Segment.SUFFIX)) {
            return null;
        }
        String[] parts = fileName.substring(0, fileName.length() - Segment.SUFFIX.length()).split("-");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new SegmentName(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public int compareTo(SegmentName other) {
        return ORDER.compare(this, other);
    }
}
