package io.moustash.cli;

import io.moustash.config.ConfigLocator;
import io.moustash.spool.SpoolDirectories;
import java.util.List;

/**
 * An environment variable a tool reads, and what it does: the ENVIRONMENT section of the tools' man
 * pages is written from these (and from the launcher's own list), so that it names what the code
 * reads. Each variable's name is the constant the reading code uses.
 */
public record EnvironmentVariable(String name, String meaning) {

    /** What every tool reads, through the configuration and the spool. */
    public static final List<EnvironmentVariable> COMMON = List.of(
            new EnvironmentVariable(ConfigLocator.ENV_VARIABLE, "The configuration file to read instead of looking in the"
                    + " usual places (after -c, before PREFIX/etc/moustash/moustash.ini); it must exist."),
            new EnvironmentVariable(SpoolDirectories.ENV_VARIABLE, "The spool directory, when [moustash] spool_dir is not set"
                    + " (default: " + SpoolDirectories.SYSTEM + " when writable, else $XDG_STATE_HOME/moustash)."),
            new EnvironmentVariable("XDG_STATE_HOME", "Holds the per-user spool directory (default: ~/.local/state)."));

    /** A tool that reads variables of its own, besides {@link #COMMON}. */
    public interface Reader {
        List<EnvironmentVariable> environment();
    }
}
