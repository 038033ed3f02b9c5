package io.moustash.event;

import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.Parsers;
import java.util.List;
import java.util.Locale;

/** The {@code [moustash]} options that shape every event. */
public final class EventOptions {
    public static final Option<String> EVENT_FORMAT = Option.of("event_format",
            Parsers.choice("ecs", "legacy"), "ecs",
            "Shape of the JSON documents: ecs (Logstash 8 / Elasticsearch ECS) or legacy (the original Moustash fields).");
    public static final Option<String> HOSTNAME = Option.of("hostname", Parsers.nonEmptyText(), null,
            "Host name carried by every event; default: the machine's name.");
    public static final Option<List<String>> TAGS = Option.of("tags", Parsers.list(), List.of(),
            "Extra tags added to every event, separated by commas or spaces.");
    public static final Option<UserFields> FIELDS = Option.of("fields", UserFields::parse, UserFields.NONE,
            "Extra key=value fields added to every event, separated by commas; typed and placed as PanPan's -f.");

    public static final List<Option<?>> ALL = List.of(EVENT_FORMAT, HOSTNAME, TAGS, FIELDS);

    private EventOptions() {
    }

    public static EventSettings settings(OptionValues values) {
        EventFormat format = EventFormat.valueOf(values.get(EVENT_FORMAT).toUpperCase(Locale.ROOT));
        String host = values.find(HOSTNAME).orElseGet(HostName::ofMachine);
        return new EventSettings(format, host, values.get(TAGS), values.get(FIELDS));
    }
}
