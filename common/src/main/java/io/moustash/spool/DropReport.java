package io.moustash.spool;

import java.time.Instant;

/**
 * Events the spool dropped to stay under {@code spool_max_bytes}: how many, and when the first
 * and the last of them were spooled.
 */
public record DropReport(long count, Instant first, Instant last) {

    /** This report and {@code other} as one. */
    public DropReport plus(DropReport other) {
        if (other == null) {
            return this;
        }
        return new DropReport(count + other.count, first.isBefore(other.first) ? first : other.first,
                last.isAfter(other.last) ? last : other.last);
    }
}
