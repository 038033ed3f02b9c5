package io.moustash.cuir.report;

import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Notice;
import io.moustash.cuir.state.Observation;
import io.moustash.event.Event;
import io.moustash.event.EventKind;
import io.moustash.event.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an observation into an event. Field names are given once for each shape: ECS names where
 * ECS has one ({@code destination.*}, {@code event.outcome}, {@code event.duration},
 * {@code process.*}, {@code tls.server.not_after}), {@code moustash.cuir.*} otherwise; in the legacy
 * shape the original's {@code program} (the probe's name) and {@code source} ({@code ip:port}),
 * and flat names for the rest. The ECS message is a sentence for a person woken at night; the
 * legacy message is what the original sent (the probe's informations text).
 */
public final class ProbeEvents {
    public static final String TOOL = "cuir";
    static final String PREFIX = "moustash.cuir.";
    /** The tag prefix naming who a notification is for: {@code notify:oncall}. */
    public static final String NOTIFY_TAG_PREFIX = "notify:";
    public static final String REMINDER_TAG = "reminder";
    /** The state of a target whose first results have not settled it yet. */
    static final String PENDING = "pending";

    private ProbeEvents() {
    }

    public static Event of(Observation o, boolean notification) {
        ProbeResult r = o.result();
        ProbeSpec spec = r.spec();
        Event.Builder b = Event.builder(TOOL)
                .timestamp(r.at())
                .message(message(o))
                .legacyMessage(legacyMessage(o))
                .tag(spec.name())
                .tags(spec.tags())
                .tags(notification ? noticeTags(o) : List.of())
                .notification(notification)
                .kind(notification ? EventKind.ALERT : EventKind.STATE)
                .action(action(o))
                .program(spec.name())
                .source(where(r));
        b.field(PREFIX + "probe", "probe", spec.name());
        r.details().describe(b);
        b.field("event.outcome", null, r.status().outcome());
        b.field("event.duration", null, r.durationNanos());
        b.field(PREFIX + "status", "status", r.status().text());
        b.field(PREFIX + "state", "state", o.state().map(Status::text).orElse(PENDING));
        b.field(PREFIX + "reason", "reason", r.reason() == null ? null : r.reason().text());
        b.field(PREFIX + "detail", "detail", r.detail());
        b.field(PREFIX + "consecutive_failures", "consecutive_failures", o.consecutiveFailures());
        if (o.changed()) {
            b.field(PREFIX + "previous_state", "previous_state", o.previous().map(Status::text).orElse(null));
        }
        if (r.status().isFailure() || o.recovered()) {
            b.field(PREFIX + "failing_since", "failing_since", o.failingSince().map(Timestamps::format).orElse(null));
        }
        if (spec.active().isRestricted()) {
            b.field(PREFIX + "active", "active", o.inWindow());
        }
        return b.userFields(spec.fields()).build();
    }

    /** {@code notify:NAME} for each name told, then {@code reminder} on a reminder. */
    private static List<String> noticeTags(Observation o) {
        List<String> tags = new ArrayList<>();
        o.notice().ifPresent(n -> {
            n.names().forEach(name -> tags.add(NOTIFY_TAG_PREFIX + name));
            if (n.kind() == Notice.Kind.REMINDER) {
                tags.add(REMINDER_TAG);
            }
        });
        return tags;
    }

    /**
     * One sentence saying what happened, readable as an e-mail subject:
     * {@code web 10.0.0.5:443 is down: connection refused (3rd failure) — front end},
     * {@code web 10.0.0.5:443 recovered after 4 min — front end}.
     */
    static String message(Observation o) {
        ProbeResult r = o.result();
        String info = r.spec().message().isEmpty() ? "" : " — " + r.spec().message();
        String subject = subject(r);
        if (o.recovered()) {
            return subject + " recovered" + o.failingFor().map(d -> " after " + spoken(d)).orElse("") + info;
        }
        if (!r.status().isFailure()) {
            // A plugin's line says what "up" measured (free space, load); a connect has nothing to add.
            return subject + " is up" + (r.detail() == null || r.detail().isEmpty() ? "" : ": " + r.detail()) + info;
        }
        int n = o.consecutiveFailures();
        if (!o.failing()) {
            return subject + " failed: " + why(r) + " (" + ordinal(n) + " failure; down after "
                    + r.spec().downAfter() + " in a row)" + info;
        }
        Status state = o.state().orElseThrow();
        if (o.changed()) {
            String count = o.first() ? (n == 1 ? "first probe" : ordinal(n) + " failure, from the first probe")
                    : n == 1 ? "" : ordinal(n) + " failure";
            return subject + " " + is(state, false) + ": " + why(r) + (count.isEmpty() ? "" : " (" + count + ")") + info;
        }
        return subject + " " + is(state, true) + o.failingFor().map(d -> " after " + spoken(d)).orElse("") + ": "
                + why(r) + " (" + ordinal(n) + " failure)" + info;
    }

    /**
     * The original's message, kept in the legacy shape: the informations text; without one, a
     * plugin's first output line, or what happened in a few words.
     */
    static String legacyMessage(Observation o) {
        ProbeResult r = o.result();
        if (!r.spec().message().isEmpty()) {
            return r.spec().message();
        }
        if (r.details().detailIsOwnWords() && r.detail() != null) {
            return r.detail();
        }
        String what = r.spec().name() + " " + r.status().text();
        String why = r.explanation();
        return why.isEmpty() ? what : what + ": " + why;
    }

    /**
     * The line Cuir's log (supervisord's) gets for an observation, or {@code null} for none: every
     * change of state and every notification that is none.
     */
    public static String logLine(Observation o) {
        ProbeResult r = o.result();
        String subject = "cuir: " + subject(r);
        String because = r.explanation().isEmpty() ? "" : " (" + r.explanation() + ")";
        List<String> names = o.notice().map(Notice::names).orElse(List.of());
        String notify = names.isEmpty() ? "" : "; notify " + String.join(", ", names);
        if (o.first()) {
            int n = o.consecutiveFailures();
            return subject + " " + o.state().orElseThrow().text() + because + ", first probe"
                    + (n == 1 ? "" : " (" + n + " failures in a row)") + notify;
        }
        if (o.changed()) {
            return subject + " " + o.previous().orElseThrow().text() + " -> " + o.state().orElseThrow().text()
                    + because + notify;
        }
        if (o.notice().isEmpty()) {
            return null;
        }
        return subject + " still " + o.state().orElseThrow().text() + " (" + ordinal(o.consecutiveFailures())
                + " failure): " + action(o).replace('_', ' ') + notify;
    }

    /**
     * {@code recovered} or the new state on a change; {@code escalated}, {@code reminder} or
     * {@code window_opened} for a notification while the state stays; {@code probe} for a plain result.
     */
    static String action(Observation o) {
        if (o.changed()) {
            return o.recovered() ? "recovered" : o.state().orElseThrow().text();
        }
        return o.notice().map(n -> switch (n.kind()) {
            case ESCALATION -> "escalated";
            case REMINDER -> "reminder";
            case WINDOW_OPENED -> "window_opened";
            case CHANGE -> "probe";
        }).orElse("probe");
    }

    /** The probe's name and where it went: {@code web 10.0.0.5:443}; a command probe's name alone. */
    private static String subject(ProbeResult r) {
        String where = where(r);
        return where == null ? r.spec().name() : r.spec().name() + " " + where;
    }

    /**
     * Where the probe went, for the event's source and for sentences: the {@code ip:port} connected
     * to, else {@code host:port} as configured; {@code null} for a command (its line is too long for
     * a subject).
     */
    private static String where(ProbeResult r) {
        return r.details().source();
    }

    private static String is(Status state, boolean still) {
        return switch (state) {
            case DOWN -> still ? "is still down" : "is down";
            case WARNING -> still ? "still has a warning" : "has a warning";
            case UNKNOWN -> still ? "still cannot be checked" : "cannot be checked";
            case UP -> "is up";
        };
    }

    /** Why the probe failed, in words: {@code connection refused}, {@code no answer within 3 s}. */
    private static String why(ProbeResult r) {
        String phrase = r.reason() == null ? "" : r.reason().phrase();
        String detail = r.detail() == null ? "" : r.detail();
        if (phrase.isEmpty() || detail.isEmpty()) {
            String one = phrase + detail;
            return one.isEmpty() ? r.status().text() : one;
        }
        return phrase + ": " + detail;
    }

    /** {@code 1st}, {@code 2nd}, {@code 3rd}, {@code 11th}, {@code 22nd}. */
    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /**
     * A duration as people say it: {@code less than 1 s}, {@code 40 s}, {@code 4 min}, {@code 2 h 5 min},
     * {@code 3 days 4 h}.
     */
    static String spoken(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s == 0) {
            // "recovered after 0 s" reads as a mistake; a blip shorter than a second is what it was.
            return "less than 1 s";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            long minutes = s % 3600 / 60;
            return s / 3600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
        }
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        return days + (days == 1 ? " day" : " days") + (hours == 0 ? "" : " " + hours + " h");
    }
}
