package io.moustash.panpan.event;

import io.moustash.event.Event;
import io.moustash.event.UserFields;
import io.moustash.panpan.json.JsonObjects;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line says about every event PanPan sends (type, tags, program, source,
 * notification, fields), turning each message into an {@link Event}. Immutable and thread-safe.
 *
 * <p>With {@code --json} the message is an object merged into the event. The command line wins
 * over the object for {@code type}, {@code program} and {@code source}, and for fields of the same
 * name: a script sets them once for a stream whose lines it does not control. A text that is no
 * JSON object is sent as it is, tagged {@value #JSON_FAILURE_TAG} as logstash's json codec does,
 * so nothing is dropped; an unreadable {@code @timestamp} is kept in {@value #TIMESTAMP_COPY} and
 * tagged {@value #TIMESTAMP_FAILURE_TAG}, also as logstash does.
 */
public final class EventTemplate {
    public static final String TOOL = "panpan";
    public static final String JSON_FAILURE_TAG = "_jsonparsefailure";
    public static final String TIMESTAMP_FAILURE_TAG = "_timestampparsefailure";
    public static final String TIMESTAMP_COPY = "_@timestamp";

    private final String type;
    private final List<String> tags;
    private final String program;
    private final String source;
    private final boolean notification;
    private final UserFields fields;
    private final Clock clock;

    /**
     * @param type the logstash type, {@code null} for the tool's name
     * @param fields the {@code -f} fields, in command-line order
     */
    public EventTemplate(String type, List<String> tags, String program, String source, boolean notification,
            UserFields fields, Clock clock) {
        this.type = type;
        this.tags = List.copyOf(tags);
        this.program = program;
        this.source = source;
        this.notification = notification;
        this.fields = fields;
        this.clock = clock;
    }

    /** This template with the original form's PROGRAM, SOURCE and True|False. */
    public EventTemplate withOriginalForm(String program, String source, boolean notification) {
        return new EventTemplate(type, tags, program, source, notification, fields, clock);
    }

    /** An event whose message is {@code message}. */
    public Event plain(String message) {
        return withOptions(start(message), fields).build();
    }

    /** The event {@code text} describes as a JSON object; see the class comment. */
    public Event json(String text) {
        return json(text, () -> { });
    }

    /**
     * As {@link #json(String)}, calling {@code notJson} when {@code text} is no JSON object: said
     * where the parse fails, since the tag alone could also come from the user's own tags.
     */
    public Event json(String text, Runnable notJson) {
        Optional<Map<String, Object>> object = JsonObjects.parse(text);
        if (object.isEmpty()) {
            notJson.run();
            return withOptions(start(text).tag(JSON_FAILURE_TAG), fields).build();
        }
        Event.Builder event = start(text);
        UserFields.Builder own = UserFields.builder();
        object.get().forEach((key, value) -> merge(event, own, key, value));
        return withOptions(event, own.replaceAll(fields).build()).build();
    }

    private Event.Builder start(String message) {
        return Event.builder(TOOL).timestamp(clock.instant()).message(message);
    }

    private Event.Builder withOptions(Event.Builder event, UserFields userFields) {
        event.tags(tags).notification(notification);
        if (type != null) {
            event.type(type);
        }
        if (program != null) {
            event.program(program);
        }
        if (source != null) {
            event.source(source);
        }
        return event.userFields(userFields);
    }

    /** Takes one key of a {@code --json} object; a field contradicting an earlier one replaces it (see {@link UserFields}). */
    private static void merge(Event.Builder event, UserFields.Builder fields, String key, Object value) {
        if (value == null) {
            return;
        }
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        switch (key) {
            // An object or a list is no text: kept beside the event's own part, as logstash keeps _@timestamp.
            case "message", "type", "program", "source" -> {
                if (!scalar) {
                    fields.replace("_" + key, value);
                } else if (key.equals("message")) {
                    event.message(String.valueOf(value));
                } else if (key.equals("type")) {
                    event.type(String.valueOf(value));
                } else if (key.equals("program")) {
                    event.program(String.valueOf(value));
                } else {
                    event.source(String.valueOf(value));
                }
            }
            case "tags" -> {
                if (value instanceof List<?> list) {
                    list.forEach(tag -> event.tag(tag == null ? null : String.valueOf(tag)));
                } else if (scalar) {
                    event.tag(String.valueOf(value));
                } else {
                    fields.replace("_tags", value);
                }
            }
            case "@timestamp" -> timestamp(value).ifPresentOrElse(event::timestamp,
                    () -> event.tag(TIMESTAMP_FAILURE_TAG).field(TIMESTAMP_COPY, TIMESTAMP_COPY, value));
            case "@version" -> {
                // always "1": it names the logstash event schema, not the sender's data
            }
            default -> fields.replace(key, value);
        }
    }

    private static Optional<Instant> timestamp(Object value) {
        if (value instanceof String text) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
