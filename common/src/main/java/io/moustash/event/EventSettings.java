package io.moustash.event;

import java.util.List;
import java.util.Map;

/**
 * What every event of a process shares, read once from {@code [moustash]}.
 *
 * @param hostname the host name events carry (the machine's unless {@code hostname} is set)
 * @param tags extra tags added to every event
 * @param fields extra {@code key=value} fields added to every event
 */
public record EventSettings(EventFormat format, String hostname, List<String> tags, Map<String, String> fields) {
    public EventSettings {
        tags = List.copyOf(tags);
        fields = Map.copyOf(fields);
    }

    /** Returns these settings with another format, for a command-line override. */
    public EventSettings withFormat(EventFormat other) {
        return new EventSettings(other, hostname, tags, fields);
    }

    /** Returns these settings with another host name, for a command-line override. */
    public EventSettings withHostname(String other) {
        return new EventSettings(format, other, tags, fields);
    }
}
