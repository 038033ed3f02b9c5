package io.moustash.cuir.check;

import io.moustash.cuir.check.command.Perfdata;
import io.moustash.event.Event;
import java.util.Map;

/**
 * What a command probe found.
 *
 * @param exitCode the plugin's exit status; {@code null} when it did not run or did not end in time
 * @param perfdata the performance data of its output, {@link Perfdata#NONE} when it gave none
 */
public record CommandDetails(CommandCheck check, Integer exitCode, Perfdata perfdata) implements Details {

    /** A plugin that gave no performance data, or did not run. */
    public CommandDetails(CommandCheck check, Integer exitCode) {
        this(check, exitCode, Perfdata.NONE);
    }

    @Override
    public void describe(Event.Builder b) {
        b.field("process.command_line", "command", check.target());
        b.field("process.exit_code", "exit_code", exitCode);
        Metrics.write(b, perfdata.metrics());
        Map<String, Map<String, Object>> attributes = perfdata.attributes();
        if (!attributes.isEmpty()) {
            b.field(PREFIX + "perfdata", "perfdata", attributes);
        }
    }

    @Override
    public boolean detailIsOwnWords() {
        return true;
    }
}
