package io.moustash.spool;

import io.moustash.common.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the spool lives when {@code spool_dir} is not set: the directory named by the environment
 * variable {@value #ENV_VARIABLE} if any (so that a test suite or a container can keep every tool
 * it starts away from the machine's spool), else {@value #SYSTEM} when this user may write there (root, or the package's service user), else a per-user state directory,
 * {@code $XDG_STATE_HOME/moustash} or {@code ~/.local/state/moustash}. Tools run by different users
 * thus never fight over permissions, and a PanPan run from a login shell still spools. A directory
 * made here is {@code rwx------}; one that exists keeps its mode.
 */
public final class SpoolDirectories {
    public static final String SYSTEM = "/var/spool/moustash";
    public static final String ENV_VARIABLE = "MOUSTASH_SPOOL_DIR";

    private SpoolDirectories() {
    }

    /** {@code configured} when set (created if missing; it must be writable), else the default. */
    public static Path resolve(Path configured) {
        return resolve(configured, Path.of(SYSTEM), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path resolve(Path configured, Path system, Map<String, String> env, Path home) {
        if (configured != null) {
            if (!usable(configured)) {
                throw new SpoolException(ExitCode.CONFIG, "spool_dir " + configured
                        + ": cannot create or write this directory; set spool_dir to one this user may write");
            }
            return configured;
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path named = Path.of(fromEnv);
            if (!usable(named)) {
                throw new SpoolException(ExitCode.CONFIG, ENV_VARIABLE + "=" + fromEnv
                        + ": cannot create or write this directory");
            }
            return named;
        }
        if (usable(system)) {
            return system;
        }
        Path user = userDirectory(env, home);
        if (!usable(user)) {
            throw new SpoolException(ExitCode.CONFIG, "no spool directory: neither " + system + " nor " + user
                    + " can be written; set spool_dir in [moustash]");
        }
        return user;
    }

    /**
     * The directories {@link #resolve} chooses from, in its order, made or checked by nobody: for a
     * reader of what another process wrote there ({@code cuir --status}), who may be another user
     * than the writer and must not make a spool of its own to look.
     */
    public static List<Path> candidates(Path configured) {
        return candidates(configured, Path.of(SYSTEM), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static List<Path> candidates(Path configured, Path system, Map<String, String> env, Path home) {
        if (configured != null) {
            return List.of(configured);
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return List.of(Path.of(fromEnv));
        }
        return List.of(system, userDirectory(env, home));
    }

    private static Path userDirectory(Map<String, String> env, Path home) {
        String state = env.get("XDG_STATE_HOME");
        return state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state, "moustash") : home.resolve(".local/state/moustash");
    }

    private static boolean usable(Path dir) {
        try {
            PrivateFiles.createDirectory(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
