package io.moustash.cuir.check;

import io.moustash.event.Event;
import java.util.Locale;

/**
 * What a command probe found.
 *
 * @param exitCode the plugin's exit status; {@code null} when it did not run or did not end in time
 */
public record CommandDetails(CommandCheck check, Integer exitCode) implements Details {

    @Override
    public void describe(Event.Builder b) {
        b.field("process.command_line", "command", check.target());
        b.field("process.exit_code", "exit_code", exitCode);
    }

    @Override
    public String source() {
        return null;
    }

    @Override
    public String target() {
        return check.target();
    }

    /** The run time: a plugin's time is mostly its own work. */
    @Override
    public String time(long durationNanos) {
        return String.format(Locale.ROOT, "%.1f ms", durationNanos / 1e6);
    }
}
