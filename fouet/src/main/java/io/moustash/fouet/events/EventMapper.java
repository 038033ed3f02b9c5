package io.moustash.fouet.events;

import static io.moustash.fouet.events.FouetFields.*;

import io.moustash.event.Event;
import io.moustash.event.EventKind;
import io.moustash.fouet.config.FouetOptions;
import io.moustash.fouet.config.FouetSettings;
import io.moustash.fouet.protocol.Frame;
import io.moustash.fouet.protocol.Header;
import java.time.Clock;
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
    private static final Set<String> STATES = Set.of("STARTING", "RUNNING", "BACKOFF", "STOPPING", "EXITED",
            "STOPPED", "FATAL", "UNKNOWN");
    private static final Set<String> PROCESS_STATE_KEYS = Set.of("processname", "groupname", "from_state", "tries",
            "expected", "pid");
    private static final Set<String> PROCESS_LOG_KEYS = Set.of("processname", "groupname", "pid", "channel");
    private static final int MAX_REPORTED_SURPRISES = 1000;

    private final FouetSettings settings;
    private final ProcessFilter filter;
    private final StderrTail stderr;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Set<String> reported = new HashSet<>();

    public EventMapper(FouetSettings settings, Clock clock, Consumer<String> warnings) {
        this.settings = settings;
        this.filter = new ProcessFilter(settings.include(), settings.exclude());
        this.stderr = new StderrTail(settings.stderrLines());
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
        if (name.startsWith("SUPERVISOR_STATE_CHANGE_") || name.startsWith("PROCESS_GROUP_")) {
            return Optional.of(base(envelope).field(GROUP, LEGACY_GROUP, group).build());
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
        Boolean expected = flag(payload.get("expected"));
        boolean crash = state.equals("EXITED") && Boolean.FALSE.equals(expected);
        List<String> reasons = new ArrayList<>();
        if (crash && settings.notifyStates().contains(FouetOptions.CRASH)) {
            reasons.add(FouetOptions.CRASH);
        }
        String lower = state.toLowerCase(Locale.ROOT);
        if (settings.notifyStates().contains(lower)) {
            reasons.add(lower);
        }
        Event.Builder event = base(envelope).program(process).tags(reasons).notification(!reasons.isEmpty())
                .field(PROCESS_NAME, null, process)
                .field(GROUP, LEGACY_GROUP, group)
                .field(FROM_STATE, LEGACY_FROM_STATE, payload.get("from_state"))
                .field(TO_STATE, LEGACY_TO_STATE, state)
                .field(PID, LEGACY_PID, payload.number("pid"))
                .field(EXPECTED, LEGACY_EXPECTED, expected)
                .field(TRIES, LEGACY_TRIES, payload.number("tries"))
                .field(CATEGORY, null, List.of("process"))
                .field(TYPE, null, List.of(ecsType(state)));
        if (crash || state.equals("FATAL")) {
            List<String> lines = stderr.lines(key(group, process));
            if (!lines.isEmpty()) {
                event.field(STDERR, LEGACY_STDERR, lines);
            }
        }
        extras(envelope, payload, PROCESS_STATE_KEYS).ifPresent(extra -> event.field(EXTRA, LEGACY_EXTRA, extra));
        return event.build();
    }

    private Optional<Event> processLog(Frame.Envelope envelope, Payload payload, String process, String group) {
        String name = envelope.header().eventName();
        if (name.equals("PROCESS_LOG_STDERR") && process != null) {
            stderr.add(key(group, process), payload.body());
        }
        if (!settings.logEvents()) {
            return Optional.empty();
        }
        Event.Builder event = base(envelope).program(process).message(stripNewline(payload.body()))
                .field(PROCESS_NAME, null, process)
                .field(GROUP, LEGACY_GROUP, group)
                .field(PID, LEGACY_PID, payload.number("pid"))
                .field(CHANNEL, LEGACY_CHANNEL, payload.get("channel"));
        extras(envelope, payload, PROCESS_LOG_KEYS).ifPresent(extra -> event.field(EXTRA, LEGACY_EXTRA, extra));
        return Optional.of(event.build());
    }

    private Event heartbeat(Frame.Envelope envelope, Payload payload) {
        return base(envelope).kind(EventKind.METRIC).tag(HEARTBEAT_TAG)
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
            event.message(stripNewline(payload.body())).field(DATA, LEGACY_DATA, payload.body());
        }
        if (!payload.tokens().isEmpty()) {
            event.field(PAYLOAD_FIELDS, LEGACY_PAYLOAD_FIELDS, new LinkedHashMap<>(payload.tokens()));
        }
        return event.build();
    }

    /** What every Fouet event carries: the event name as message (as the original did), the pool as source. */
    private Event.Builder base(Frame.Envelope envelope) {
        Header header = envelope.header();
        return Event.builder(TOOL).timestamp(clock.instant())
                .message(header.eventName())
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
