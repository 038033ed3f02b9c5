package io.moustash.cuir.check;

import io.moustash.cuir.check.log.LogCount;
import io.moustash.event.Event;
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
        b.field(PREFIX + "log.match", "match", check.match().pattern());
        if (count == null) {
            return;
        }
        Metrics.write(b, Map.of("matches", count.matches()));
        if (!count.lines().isEmpty()) {
            b.field(PREFIX + "log.lines", "lines", count.lines());
        }
        b.field(PREFIX + "log.bytes_read", "bytes_read", count.bytesRead());
        if (count.skippedBytes() > 0) {
            b.field(PREFIX + "log.skipped_bytes", "skipped_bytes", count.skippedBytes());
        }
    }

}
