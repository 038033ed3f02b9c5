package io.moustash.cuir.report;

import io.moustash.cuir.check.CommandDetails;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Observation;
import io.moustash.event.Event;
import io.moustash.event.EventKind;

/**
 * Turns an observation into an event. Field names are given once for each shape: ECS names where
 * ECS has one ({@code destination.*}, {@code event.outcome}, {@code event.duration},
 * {@code process.*}, {@code tls.server.not_after}), {@code moustash.cuir.*} otherwise; in the legacy
 * shape the original's {@code program} (the probe's name) and {@code source} ({@code ip:port}),
 * and flat names for the rest.
 */
public final class ProbeEvents {
    public static final String TOOL = "cuir";
    static final String PREFIX = "moustash.cuir.";

    private ProbeEvents() {
    }

    public static Event of(Observation o, boolean notification) {
        ProbeResult r = o.result();
        ProbeSpec spec = r.spec();
        Event.Builder b = Event.builder(TOOL)
                .timestamp(r.at())
                .message(message(o))
                .tag(spec.name())
                .tags(spec.tags())
                .notification(notification)
                .kind(notification ? EventKind.ALERT : EventKind.STATE)
                .action(action(o))
                .program(spec.name())
                .source(r.details().source());
        b.field(PREFIX + "probe", "probe", spec.name());
        r.details().describe(b);
        b.field("event.outcome", null, r.status().outcome());
        b.field("event.duration", null, r.durationNanos());
        b.field(PREFIX + "status", "status", r.status().text());
        b.field(PREFIX + "state", "state", o.state().text());
        b.field(PREFIX + "reason", "reason", r.reason() == null ? null : r.reason().text());
        b.field(PREFIX + "detail", "detail", r.detail());
        b.field(PREFIX + "consecutive_failures", "consecutive_failures", o.consecutiveFailures());
        if (o.changed()) {
            b.field(PREFIX + "previous_state", "previous_state", o.previous().text());
        }
        if (spec.active().isRestricted()) {
            b.field(PREFIX + "active", "active", o.inWindow());
        }
        return b.userFields(spec.fields()).build();
    }

    /**
     * The informations text as the original sent it; without one, a plugin's first output line, or
     * what happened in a few words.
     */
    static String message(Observation o) {
        ProbeResult r = o.result();
        if (!r.spec().message().isEmpty()) {
            return r.spec().message();
        }
        if (r.details() instanceof CommandDetails && r.detail() != null) {
            return r.detail();
        }
        String what = r.spec().name() + " " + r.status().text();
        String why = r.explanation();
        return why.isEmpty() ? what : what + ": " + why;
    }

    /** {@code recovered} or the new state on a change; {@code probe} for a plain result. */
    static String action(Observation o) {
        if (!o.changed()) {
            return "probe";
        }
        return o.state() == Status.UP ? "recovered" : o.state().text();
    }
}
