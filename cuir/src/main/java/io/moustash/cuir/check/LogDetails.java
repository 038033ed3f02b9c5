package io.moustash.cuir.check;

import io.moustash.cuir.check.log.LogCount;
import io.moustash.event.Event;
import java.util.Locale;
import java.util.Map;

/**
 * What a log probe found.
 *
 * @param count what this round read; {@code null} when the file could not be read
 */
public record LogDetails(LogCheck check, LogCount count) implements Details {

    @Override
    public void describe(Event.Builder b) {
        b.field("file.path", "file", check.target());
        b.field(TcpDetails.PREFIX + "log.match", "match", check.match().pattern());
        if (count == null) {
            return;
        }
        Metrics.write(b, Map.of("matches", count.matches()));
        if (!count.lines().isEmpty()) {
            b.field(TcpDetails.PREFIX + "log.lines", "lines", count.lines());
        }
        b.field(TcpDetails.PREFIX + "log.bytes_read", "bytes_read", count.bytesRead());
        if (count.skippedBytes() > 0) {
            b.field(TcpDetails.PREFIX + "log.skipped_bytes", "skipped_bytes", count.skippedBytes());
        }
    }

    @Override
    public String source() {
        return null;
    }

    @Override
    public String target() {
        return check.target();
    }

    /** The time reading took. */
    @Override
    public String time(long durationNanos) {
        return String.format(Locale.ROOT, "%.1f ms", durationNanos / 1e6);
    }
}
