package io.moustash.panpan;

import io.moustash.event.UserFields;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The {@code -f KEY=VALUE} options, checked; typed and placed by {@link UserFields}' rule. */
final class FieldArguments {
    /** Keys that make the document a logstash event or have their own option. */
    static final Set<String> RESERVED = Set.of("@timestamp", "@version", "message", "type", "tags");

    private FieldArguments() {
    }

    /**
     * The fields in command-line order; a later repeat of a key wins, a key that would be both a
     * value and an object ({@code -f a=1 -f a.b=2}) is a usage error naming both.
     */
    static UserFields parse(List<String> options, Function<String, RuntimeException> usage) {
        UserFields.Builder fields = UserFields.builder();
        for (String option : options) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw usage.apply("-f expects KEY=VALUE, not '" + option + "'");
            }
            String key = option.substring(0, equals);
            if (RESERVED.contains(key)) {
                throw usage.apply("-f " + key + ": this field is set by "
                        + (key.equals("message") ? "MESSAGE" : key.equals("type") ? "-t" : key.equals("tags") ? "-T" : "PanPan"));
            }
            if (UserFields.hasEmptyStep(key)) {
                throw usage.apply("-f " + key + ": a dotted KEY needs a name between the dots");
            }
            try {
                fields.put(key, UserFields.typed(option.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                throw usage.apply("-f " + e.getMessage());
            }
        }
        return fields.build();
    }
}
