package io.moustash.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One thing a tool has to say, before it is given a shape. Immutable and thread-safe; built with
 * {@link #builder(String)}. The shape (ECS or legacy) is chosen once, by the {@link EventEncoder}
 * the configuration selects, so a tool never decides it.
 *
 * <p>The host name and the configured extra tags and fields are not here: the encoder adds them,
 * because they are the same for every event of a process.
 */
public final class Event {
    /** The tag the original Moustash put on events worth an alert; logstash filters key on it. */
    public static final String NOTIFICATION_TAG = "notification";

    private final Instant timestamp;
    private final String tool;
    private final String type;
    private final String message;
    private final String legacyMessage;
    private final List<String> tags;
    private final boolean notification;
    private final EventKind kind;
    private final String action;
    private final String program;
    private final String source;
    private final List<EventField> fields;
    private final UserFields userFields;
    private final String id;

    private Event(Builder b) {
        this.timestamp = b.timestamp == null ? Instant.now() : b.timestamp;
        this.tool = b.tool;
        this.type = b.type == null ? b.tool : b.type;
        this.message = b.message == null ? "" : b.message;
        this.legacyMessage = b.legacyMessage == null ? message : b.legacyMessage;
        this.notification = b.notification;
        Set<String> allTags = new LinkedHashSet<>(b.tags);
        if (notification) {
            allTags.add(NOTIFICATION_TAG);
        }
        this.tags = List.copyOf(allTags);
        this.kind = b.kind != null ? b.kind : notification ? EventKind.ALERT : EventKind.EVENT;
        this.action = b.action;
        this.program = b.program;
        this.source = b.source;
        this.fields = List.copyOf(b.fields);
        this.userFields = b.userFields;
        this.id = null;
    }

    /** A copy with another id; it names every field, so a field added to Event must be added here too. */
    private Event(Event other, String id) {
        this.timestamp = other.timestamp;
        this.tool = other.tool;
        this.type = other.type;
        this.message = other.message;
        this.legacyMessage = other.legacyMessage;
        this.notification = other.notification;
        this.tags = other.tags;
        this.kind = other.kind;
        this.action = other.action;
        this.program = other.program;
        this.source = other.source;
        this.fields = other.fields;
        this.userFields = other.userFields;
        this.id = id;
    }

    /** @param tool the tool that speaks: {@code cuir}, {@code fouet} or {@code panpan} */
    public static Builder builder(String tool) {
        return new Builder(tool);
    }

    public Instant timestamp() {
        return timestamp;
    }

    public String tool() {
        return tool;
    }

    /** The logstash {@code type}; the tool's name unless a tool or user chose another. */
    public String type() {
        return type;
    }

    public String message() {
        return message;
    }

    /**
     * The message of the legacy shape: the original's text where a tool now writes a sentence in
     * {@link #message()} (Fouet's event names), so that filters written for the original keep
     * matching; {@link #message()} unless the tool set one.
     */
    public String legacyMessage() {
        return legacyMessage;
    }

    /** The tool's tags, then {@value #NOTIFICATION_TAG} when {@link #notification()}. */
    public List<String> tags() {
        return tags;
    }

    public boolean notification() {
        return notification;
    }

    public EventKind kind() {
        return kind;
    }

    /** ECS {@code event.action}, such as {@code PROCESS_STATE_EXITED}; may be {@code null}. */
    public String action() {
        return action;
    }

    /** What the event is about, as the original's {@code program}: a process or probe name. */
    public String program() {
        return program;
    }

    /** Where it comes from, as the original's {@code source}: a pool, an {@code ip:port}. */
    public String source() {
        return source;
    }

    /** The tool's own fields, each named for both shapes. */
    public List<EventField> fields() {
        return fields;
    }

    /**
     * The user's own fields for this event (a probe's {@code fields}, PanPan's {@code -f} and
     * {@code --json}); the encoder places them by {@link UserFields}' rule, after the tool's fields,
     * and adds the configured {@code [moustash] fields} that they do not override.
     */
    public UserFields userFields() {
        return userFields;
    }

    /**
     * A unique id (ECS {@code event.id}, legacy {@code event_id}) by which a consumer can drop the
     * duplicates at-least-once delivery may produce; {@code null} when the event has none. The
     * broker transports' publisher gives one to every event unless {@code event_id} is off;
     * {@code transport = stdout} and {@code panpan --dry-run} documents have none.
     */
    public String id() {
        return id;
    }

    /** This event with {@code id} as its {@link #id()}. */
    public Event withId(String id) {
        return new Event(this, id);
    }

    /** Collects an event's parts. Not thread-safe; {@link #build()} takes a snapshot. */
    public static final class Builder {
        private final String tool;
        private Instant timestamp;
        private String type;
        private String message;
        private String legacyMessage;
        private final List<String> tags = new ArrayList<>();
        private boolean notification;
        private EventKind kind;
        private String action;
        private String program;
        private String source;
        private final List<EventField> fields = new ArrayList<>();
        private UserFields userFields = UserFields.NONE;

        private Builder(String tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** The legacy shape's message, when it is not {@link #message(String)}'s. */
        public Builder legacyMessage(String legacyMessage) {
            this.legacyMessage = legacyMessage;
            return this;
        }

        public Builder tag(String tag) {
            if (tag != null && !tag.isEmpty()) {
                tags.add(tag);
            }
            return this;
        }

        public Builder tags(Iterable<String> more) {
            more.forEach(this::tag);
            return this;
        }

        public Builder notification(boolean notification) {
            this.notification = notification;
            return this;
        }

        public Builder kind(EventKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder program(String program) {
            this.program = program;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder field(EventField field) {
            fields.add(field);
            return this;
        }

        /** Adds a field unless {@code value} is {@code null}, for data a source may or may not send. */
        public Builder field(String ecsPath, String legacyName, Object value) {
            if (value != null) {
                fields.add(new EventField(ecsPath, legacyName, value));
            }
            return this;
        }

        public Builder userFields(UserFields userFields) {
            this.userFields = Objects.requireNonNull(userFields, "userFields");
            return this;
        }

        public Event build() {
            return new Event(this);
        }
    }
}
