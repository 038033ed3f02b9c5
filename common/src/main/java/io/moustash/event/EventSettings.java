package io.moustash.event;

import java.util.List;

/**
 * What every event of a process shares, read once from {@code [moustash]}.
 *
 * @param hostname the host name events carry (the machine's unless {@code hostname} is set)
 * @param tags extra tags added to every event
 * @param fields extra fields added to every event that does not set them itself
 */
public record EventSettings(EventFormat format, String hostname, List<String> tags, UserFields fields) {
    public EventSettings {
        tags = List.copyOf(tags);
    }

    /** Settings without configured fields, as tests and tools with none build them. */
    public EventSettings(EventFormat format, String hostname, List<String> tags) {
        this(format, hostname, tags, UserFields.NONE);
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
