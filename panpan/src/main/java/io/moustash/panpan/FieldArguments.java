package io.moustash.panpan;

import io.moustash.panpan.event.FieldValues;
import io.moustash.panpan.event.UserFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code -f KEY=VALUE} options, checked and typed. */
final class FieldArguments {
    /** Keys that make the document a logstash event or have their own option. */
    static final Set<String> RESERVED = Set.of("@timestamp", "@version", "message", "type", "tags");

    private FieldArguments() {
    }

    /** Typed values by key, in command-line order; a later repeat of a key wins. */
    static Map<String, Object> parse(List<String> options, CommandSpec spec) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw new ParameterException(spec.commandLine(), "-f expects KEY=VALUE, not '" + option + "'");
            }
            String key = option.substring(0, equals);
            if (RESERVED.contains(key)) {
                throw new ParameterException(spec.commandLine(), "-f " + key + ": this field is set by "
                        + (key.equals("message") ? "MESSAGE" : key.equals("type") ? "-t" : key.equals("tags") ? "-T" : "PanPan"));
            }
            if (UserFields.hasEmptyStep(key)) {
                throw new ParameterException(spec.commandLine(), "-f " + key + ": a dotted KEY needs a name between the dots");
            }
            fields.remove(key);
            fields.put(key, FieldValues.typed(option.substring(equals + 1)));
        }
        return fields;
    }
}
