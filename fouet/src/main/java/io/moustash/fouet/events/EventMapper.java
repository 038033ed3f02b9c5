package io.moustash.fouet.events;

import static io.moustash.fouet.events.FouetFields.*;

import io.moustash.event.Event;
import io.moustash.event.EventKind;
import io.moustash.fouet.config.FouetOptions;
import io.moustash.fouet.config.FouetSettings;
import io.moustash.fouet.protocol.Frame;
import io.moustash.fouet.protocol.Header;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns what supervisord sends into the event Fouet publishes, or into nothing (a filtered process,
 * Fouet's own state, a log chunk only kept as crash context, a tick with heartbeats off).
 *
 * <p>Never throws on input: a payload with keys it does not know keeps them under
 * {@code moustash.fouet.extra}; an event name it does not know is still published, with its
 * payload. Each such surprise is reported once to the warnings sink with the raw text.
 * <p>Not thread-safe: it keeps per-process stderr tails; the listener's one thread uses it.
 */
public final class EventMapper {
    public static final String TOOL = "fouet";
    static final String PROCESS_STATE = "PROCESS_STATE_";
    static final String PROCESS_LOG = "PROCESS_LOG_";
    static final String HEARTBEAT_TAG = "heartbeat";
    /** On a notification held back by {@code notify_interval}: published, not notified. */
    static final String THROTTLED_TAG = "throttled";
    static final String CRASH_CONTEXT_HINT = "a crash arrived and Fouet has received no PROCESS_LOG_STDERR event yet, so"
            + " crash events carry no stderr lines: for crash context, subscribe Fouet to them"
            + " (events=PROCESS_STATE,PROCESS_LOG_STDERR in [eventlistener:fouet]) and set stderr_events_enabled=true"
            + " in each [program:x] to watch (said once)";
    private static final Set<String> STATES = Set.of("STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED",
            "STOPPED", "FATAL", "UNKNOWN");
    private static final Set<String> PROCESS_STATE_KEYS = Set.of("processname", "groupname", "from_state", "tries",
            "expected", "pid");
    private static final Set<String> PROCESS_LOG_KEYS = Set.of("processname", "groupname", "pid", "channel");
    private static final int MAX_REPORTED_SURPRISES = 1000;

    private final FouetSettings settings;
    private final ProcessFilter filter;
    private final StderrTail stderr;
    private final NotifyThrottle throttle;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Set<String> reported = new HashSet<>();
    private boolean stderrHeard;
    private boolean hinted;

    public EventMapper(FouetSettings settings, Clock clock, Consumer<String> warnings) {
        this.settings = settings;
        this.filter = new ProcessFilter(settings.include(), settings.exclude());
        this.stderr = new StderrTail(settings.stderrLines());
        this.throttle = new NotifyThrottle(settings.notifyInterval());
        this.clock = clock;
        this.warnings = warnings;
    }

    /** The event to publish for {@code envelope}, or empty when there is none to publish. */
    public Optional<Event> map(Frame.Envelope envelope) {
        Header header = envelope.header();
        String name = header.eventName();
        Payload payload = Payload.parse(envelope.payload());
        if (envelope.truncated()) {
            warnings.accept(name + " payload longer than the limit; its end was dropped: " + header.raw());
        }
        if (!payload.strays().isEmpty()) {
            reportOnce(name + " words", () -> name + " payload has words that are not name:value " + payload.strays()
                    + ": " + Raw.quote(envelope.payload()));
        }
        String process = blankToNull(payload.get("processname"));
        String group = blankToNull(payload.get("groupname"));
        if (isSelf(process, group) || !accepted(name, group, process)) {
            return Optional.empty();
        }
        if (name.startsWith(PROCESS_STATE)) {
            return Optional.of(processState(envelope, payload, process, group));
        }
        if (name.startsWith(PROCESS_LOG)) {
            return processLog(envelope, payload, process, group);
        }
        if (name.startsWith("TICK_")) {
            return settings.heartbeat() ? Optional.of(heartbeat(envelope, payload)) : Optional.empty();
        }
        if (name.startsWith("SUPERVISOR_STATE_CHANGE_")) {
            return Optional.of(base(envelope).message("supervisord is "
                    + name.substring("SUPERVISOR_STATE_CHANGE_".length()).toLowerCase(Locale.ROOT)).build());
        }
        if (name.startsWith("PROCESS_GROUP_")) {
            String change = name.substring("PROCESS_GROUP_".length()).toLowerCase(Locale.ROOT);
            return Optional.of(base(envelope).message("group " + group + " " + change)
                    .field(GROUP, LEGACY_GROUP, group).build());
        }
        if (name.startsWith("PROCESS_COMMUNICATION_") || name.equals("REMOTE_COMMUNICATION")) {
            return Optional.of(communication(envelope, payload, process, group));
        }
        reportOnce("event " + name, () -> "unknown event " + name + ", published with its payload: "
                + Raw.quote(header.raw() + "\n" + envelope.payload()));
        return Optional.of(communication(envelope, payload, process, group));
    }

    private boolean isSelf(String process, String group) {
        return process != null && process.equals(settings.selfProcess())
                && (settings.selfGroup() == null || settings.selfGroup().equals(group));
    }

    private boolean accepted(String name, String group, String process) {
        if (process != null) {
            return filter.accepts(group, process);
        }
        return !name.startsWith("PROCESS_GROUP_") || group == null || filter.accepts(group, null);
    }

    private Event processState(Frame.Envelope envelope, Payload payload, String process, String group) {
        String name = envelope.header().eventName();
        String state = name.substring(PROCESS_STATE.length());
        if (!STATES.contains(state)) {
            reportOnce("event " + name, () -> "unknown process state " + name + ", published as it came: "
                    + Raw.quote(envelope.header().raw() + "\n" + envelope.payload()));
        }
        String key = key(group, process);
        if (state.equals("STARTING")) {
            stderr.started(key);
        }
        Boolean expected = flag(payload.get("expected"));
        boolean crash = state.equals("EXITED") && Boolean.FALSE.equals(expected);
        boolean ended = crash || state.equals("FATAL");
        List<String> reasons = new ArrayList<>();
        if (crash && settings.notifyStates().contains(FouetOptions.CRASH)) {
            reasons.add(FouetOptions.CRASH);
        }
        String lower = state.toLowerCase(Locale.ROOT);
        if (settings.notifyStates().contains(lower)) {
            reasons.add(lower);
        }
        String why = ended || state.equals("BACKOFF") ? stderr.lastLine(key) : null;
        String message = new StateMessage(StateMessage.supervisorctlName(group, process), state,
                payload.get("from_state"), expected, payload.number("tries"), payload.number("pid"), why).sentence();
        Instant now = clock.instant();
        Event.Builder event = base(envelope).timestamp(now).program(process).tags(reasons)
                .field(PROCESS_NAME, null, process)
                .field(GROUP, LEGACY_GROUP, group)
                .field(FROM_STATE, LEGACY_FROM_STATE, payload.get("from_state"))
                .field(TO_STATE, LEGACY_TO_STATE, state)
                .field(PID, LEGACY_PID, payload.number("pid"))
                .field(EXPECTED, LEGACY_EXPECTED, expected)
                .field(TRIES, LEGACY_TRIES, payload.number("tries"))
                .field(CATEGORY, null, List.of("process"))
                .field(TYPE, null, List.of(ecsType(state)));
        if (!reasons.isEmpty()) {
            message = throttled(event, key + " " + (crash ? FouetOptions.CRASH : lower), now, message);
        }
        event.message(message);
        if (ended) {
            List<String> lines = stderr.lines(key);
            if (!lines.isEmpty()) {
                event.field(STDERR, LEGACY_STDERR, lines);
            }
            hintCrashContext();
        }
        extras(envelope, payload, PROCESS_STATE_KEYS).ifPresent(extra -> event.field(EXTRA, LEGACY_EXTRA, extra));
        return event.build();
    }

    /** Notifies unless {@code notify_interval} holds it back; returns the message, with what was held back. */
    private String throttled(Event.Builder event, String key, Instant now, String message) {
        NotifyThrottle.Verdict verdict = throttle.admit(key, now);
        if (verdict instanceof NotifyThrottle.Verdict.Notify notify) {
            event.notification(true);
            if (notify.heldBack() > 0) {
                event.field(SUPPRESSED, LEGACY_SUPPRESSED, notify.heldBack());
                return message + " (" + notify.heldBack() + " more in the last " + spanShown(notify.since())
                        + ", not notified)";
            }
            return message;
        }
        event.tag(THROTTLED_TAG);
        return message;
    }

    /**
     * Says once how to turn crash context on, when a crash comes and no stderr event ever did:
     * without it the crash says nothing of why, and nothing else would tell the administrator.
     */
    private void hintCrashContext() {
        if (!stderrHeard && !hinted && settings.stderrLines() > 0) {
            hinted = true;
            warnings.accept(CRASH_CONTEXT_HINT);
        }
    }

    private static String spanShown(Duration since) {
        long seconds = since.toSeconds();
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }

    private Optional<Event> processLog(Frame.Envelope envelope, Payload payload, String process, String group) {
        String name = envelope.header().eventName();
        if (name.equals("PROCESS_LOG_STDERR") && process != null) {
            stderrHeard = true;
            stderr.add(key(group, process), payload.body());
        }
        if (!settings.logEvents()) {
            return Optional.empty();
        }
        String text = stripNewline(payload.body());
        Event.Builder event = base(envelope).program(process).message(text).legacyMessage(text)
                .field(PROCESS_NAME, null, process)
                .field(GROUP, LEGACY_GROUP, group)
                .field(PID, LEGACY_PID, payload.number("pid"))
                .field(CHANNEL, LEGACY_CHANNEL, payload.get("channel"));
        extras(envelope, payload, PROCESS_LOG_KEYS).ifPresent(extra -> event.field(EXTRA, LEGACY_EXTRA, extra));
        return Optional.of(event.build());
    }

    private Event heartbeat(Frame.Envelope envelope, Payload payload) {
        return base(envelope).kind(EventKind.METRIC).tag(HEARTBEAT_TAG)
                .message("supervisord heartbeat (" + envelope.header().eventName() + ")")
                .field(WHEN, LEGACY_WHEN, payload.number("when"))
                .build();
    }

    /** Events whose payload is a token line then data: the data is the message, the tokens are kept as they came. */
    private Event communication(Frame.Envelope envelope, Payload payload, String process, String group) {
        Event.Builder event = base(envelope).program(process)
                .field(PROCESS_NAME, null, process)
                .field(GROUP, LEGACY_GROUP, group)
                .field(PID, LEGACY_PID, payload.number("pid"));
        if (!payload.body().isEmpty()) {
            String text = stripNewline(payload.body());
            event.message(text).legacyMessage(text).field(DATA, LEGACY_DATA, payload.body());
        }
        if (!payload.tokens().isEmpty()) {
            event.field(PAYLOAD_FIELDS, LEGACY_PAYLOAD_FIELDS, new LinkedHashMap<>(payload.tokens()));
        }
        return event.build();
    }

    /**
     * What every Fouet event carries: the event name as message, which the legacy shape keeps (as
     * the original did) and each kind of event replaces with a sentence in ECS; the pool as source.
     */
    private Event.Builder base(Frame.Envelope envelope) {
        Header header = envelope.header();
        return Event.builder(TOOL).timestamp(clock.instant())
                .message(header.eventName()).legacyMessage(header.eventName())
                .action(header.eventName())
                .source(header.pool())
                .field(SERIAL, LEGACY_SERIAL, header.serial().isPresent() ? header.serial().getAsLong() : null)
                .field(POOL_SERIAL, LEGACY_POOL_SERIAL,
                        header.poolSerial().isPresent() ? header.poolSerial().getAsLong() : null)
                .field(SERVER, LEGACY_SERVER, header.server());
    }

    private Optional<Map<String, String>> extras(Frame.Envelope envelope, Payload payload, Set<String> known) {
        Map<String, String> extra = new LinkedHashMap<>();
        payload.tokens().forEach((key, value) -> {
            if (!known.contains(key)) {
                extra.put(key, value);
            }
        });
        if (extra.isEmpty()) {
            return Optional.empty();
        }
        String name = envelope.header().eventName();
        reportOnce(name + " keys " + extra.keySet(), () -> name + " payload has unexpected keys " + extra.keySet()
                + ", kept under " + EXTRA + ": " + Raw.quote(envelope.payload()));
        return Optional.of(extra);
    }

    /**
     * Reports a surprise the first time it is seen, so that a newer supervisord does not flood the
     * log; the line, with its quoted payload, is only built then, since a surprise repeats per event.
     */
    private void reportOnce(String what, Supplier<String> line) {
        if (reported.size() < MAX_REPORTED_SURPRISES && reported.add(what)) {
            warnings.accept(line.get() + " (reported once)");
        }
    }

    private static String ecsType(String state) {
        return switch (state) {
            case "RUNNING" -> "start";
            case "EXITED", "STOPPED", "FATAL" -> "end";
            default -> "change";
        };
    }

    private static Boolean flag(String value) {
        if ("1".equals(value)) {
            return true;
        }
        return "0".equals(value) ? false : null;
    }

    private static String key(String group, String process) {
        return (group == null ? "" : group) + ":" + process;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String stripNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
