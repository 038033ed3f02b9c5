package io.moustash.fouet.config;

import io.moustash.config.IniDocument;
import io.moustash.config.OptionValues;
import io.moustash.config.SectionReader;
import io.moustash.runtime.MoustashSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code [fouet]}, read and validated once, plus who Fouet itself is under supervisord (so that it
 * does not report its own state changes). Immutable.
 *
 * @param notifyInterval {@link Duration#ZERO} when notifications are not throttled
 * @param selfProcess {@code SUPERVISOR_PROCESS_NAME} from the environment; {@code null} outside supervisord
 * @param selfGroup {@code SUPERVISOR_GROUP_NAME}; {@code null} when not set
 */
public record FouetSettings(List<String> include, List<String> exclude, Set<String> notifyStates,
        Duration notifyInterval, int stderrLines,
        boolean logEvents, boolean heartbeat, Duration publishTimeout, String selfProcess, String selfGroup) {

    /** Set by supervisord for the processes it starts: Fouet's own program and group name. */
    public static final String PROCESS_NAME_VARIABLE = "SUPERVISOR_PROCESS_NAME";
    public static final String GROUP_NAME_VARIABLE = "SUPERVISOR_GROUP_NAME";

    public FouetSettings {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        notifyStates = Set.copyOf(notifyStates);
    }

    /** Reads {@code [fouet]}; warnings go to {@code warnings}, errors throw (exit 78). */
    public static FouetSettings read(IniDocument document, Map<String, String> environment, Consumer<String> warnings) {
        OptionValues values = SectionReader.readSection(document, FouetOptions.SECTION, FouetOptions.ALL,
                MoustashSettings.home(), warnings);
        return new FouetSettings(values.get(FouetOptions.INCLUDE), values.get(FouetOptions.EXCLUDE),
                values.get(FouetOptions.NOTIFY), values.get(FouetOptions.NOTIFY_INTERVAL),
                values.get(FouetOptions.STDERR_LINES),
                values.get(FouetOptions.LOG_EVENTS), values.get(FouetOptions.HEARTBEAT),
                values.get(FouetOptions.PUBLISH_TIMEOUT), blankToNull(environment.get(PROCESS_NAME_VARIABLE)),
                blankToNull(environment.get(GROUP_NAME_VARIABLE)));
    }

    /** The defaults, as an empty {@code [fouet]} gives them, outside supervisord. */
    public static FouetSettings defaults() {
        return read(IniDocument.empty("defaults"), Map.of(), line -> { });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
