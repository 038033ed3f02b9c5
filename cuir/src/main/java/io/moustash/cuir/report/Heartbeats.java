package io.moustash.cuir.report;

import io.moustash.cuir.status.StatusBoard;
import io.moustash.event.Event;
import io.moustash.event.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuir's heartbeat: published every {@code heartbeat_interval} whatever {@code report} says, so that
 * its silence can be alerted on, with how many targets are in each state.
 */
public final class Heartbeats {
    public static final String TAG = "heartbeat";

    private Heartbeats() {
    }

    public static Event of(StatusBoard.Counts c, Duration interval, Instant at) {
        return Event.builder(ProbeEvents.TOOL)
                .timestamp(at)
                .message(message(c))
                .tag(TAG)
                .kind(EventKind.METRIC)
                .action(TAG)
                .field(ProbeEvents.PREFIX + "probes.total", "probes", c.targets())
                .field(ProbeEvents.PREFIX + "probes.up", "probes_up", c.up())
                .field(ProbeEvents.PREFIX + "probes.down", "probes_down", c.down())
                .field(ProbeEvents.PREFIX + "probes.warning", "probes_warning", c.warning())
                .field(ProbeEvents.PREFIX + "probes.unknown", "probes_unknown", c.unknown())
                .field(ProbeEvents.PREFIX + "probes.pending", "probes_pending", c.pending())
                .field(ProbeEvents.PREFIX + "heartbeat_interval", "heartbeat_interval",
                        interval.toMillis() % 1000 == 0 ? (Object) interval.toSeconds() : interval.toMillis() / 1000.0)
                .build();
    }

    /** {@code cuir is running: 12 probes, 10 up, 1 down, 1 pending}; states no target is in are left out. */
    static String message(StatusBoard.Counts c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.targets() + (c.targets() == 1 ? " probe" : " probes"));
        parts.add(c.up() + " up");
        add(parts, c.down(), "down");
        add(parts, c.warning(), "warning");
        add(parts, c.unknown(), "unknown");
        add(parts, c.pending(), "pending");
        return "cuir is running: " + String.join(", ", parts);
    }

    private static void add(List<String> parts, int n, String state) {
        if (n > 0) {
            parts.add(n + " " + state);
        }
    }
}
