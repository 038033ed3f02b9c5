package io.moustash.delivery;

import io.moustash.event.Event;
import io.moustash.event.EventKind;
import io.moustash.spool.DropReport;
import java.nio.file.Path;

/** The event that tells logstash the spool cap dropped events: loss is never silent. */
final class DropReports {
    static final String ACTION = "spool-dropped";

    private DropReports() {
    }

    static Event event(DropReport report, long maxBytes, Path dir) {
        return Event.builder(ReliablePublisher.TOOL)
                .notification(true)
                .kind(EventKind.ALERT)
                .action(ACTION)
                .source(dir.toString())
                .message("dropped " + report.count() + " events spooled between " + report.first() + " and "
                        + report.last() + ": the spool in " + dir + " reached spool_max_bytes (" + maxBytes
                        + " bytes) while the broker was unavailable")
                .field("moustash.dropped.count", "dropped_count", report.count())
                .field("moustash.dropped.first", "dropped_first", report.first().toString())
                .field("moustash.dropped.last", "dropped_last", report.last().toString())
                .build();
    }
}
