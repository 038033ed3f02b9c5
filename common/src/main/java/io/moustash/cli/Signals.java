package io.moustash.cli;

import java.util.List;
import sun.misc.Signal;

/**
 * A daemon's own answer to a POSIX signal, in place of the JVM's: without one, SIGTERM and SIGHUP
 * both stop the JVM (exit 143, 129). Through {@code sun.misc.Signal} (module jdk.unsupported), the
 * only way the JDK offers; a JVM started with {@code -Xrs} keeps the signals to itself.
 *
 * <p><b>Threads:</b> the JVM runs {@code action} on a thread of its own, one per signal received,
 * possibly while an earlier one still runs: an action that does real work hands it to the thread
 * that owns it and returns.
 */
public final class Signals {
    private Signals() {
    }

    /** A signal a tool answers ({@code "HUP"}) and what it then does, for the SIGNALS section of its man page. */
    public record Meaning(String name, String meaning) {
    }

    /** A tool that answers signals: its man page says how, from {@link #signals}. */
    public interface Handler {
        List<Meaning> signals();
    }

    /**
     * Runs {@code action} at each {@code SIG}{@code name} ({@code "TERM"}, {@code "HUP"}), for as long
     * as the process lives. For {@code main}, once per signal and process.
     *
     * @param without what the process does at that signal when it cannot be handled, for the one
     *     line said on stderr then, e.g. "stopping this way loses the events held in memory"
     * @return false when the signal cannot be handled here ({@code -Xrs}, or a system without it),
     *     said on stderr
     */
    public static boolean on(String tool, String name, Runnable action, String without) {
        try {
            Signal.handle(new Signal(name), signal -> action.run());
            return true;
        } catch (IllegalArgumentException e) {
            Logging.warn(tool + ": SIG" + name + " is not handled (" + e.getMessage() + ", -Xrs?): " + without);
            return false;
        }
    }
}
