package io.moustash.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool's one way out: the parts it opened, closed in a fixed order, once, by whichever comes
 * first of the tool returning from its command or the JVM stopping (SIGTERM, Ctrl-C,
 * {@code System.exit}). Nothing else in Moustash installs a JVM shutdown hook: the publisher does
 * not, so that it is never closed while a part that feeds it still holds events.
 *
 * <pre>{@code
 * try (Shutdown shutdown = Shutdown.install("cuir")) {
 *     Publisher publisher = shutdown.add(Wiring.publisher(settings));
 *     Monitor monitor = shutdown.add(new Monitor(config, publisher, ...));
 *     monitor.runUntilStopped();
 * }
 * }</pre>
 *
 * <p><b>Order:</b> parts are closed in the reverse of the order they were added, as
 * try-with-resources does: a part is added after what it uses, so it is closed before it (Cuir's
 * monitor stops probing before the publisher it feeds is closed). A part added once the closing
 * has begun is closed at once. A part whose {@code close} throws is logged in one line and the
 * next part is closed all the same.
 * <p><b>Threads:</b> thread-safe. {@link #close} may be called by the tool's thread and by the
 * shutdown hook at the same time: the first one closes, the other waits until it has finished, so
 * that neither the tool nor the JVM goes on while a part is half closed.
 * <p><b>Bound:</b> this class adds no wait of its own: closing takes as long as the parts'
 * {@code close} together, and each must be bounded (the publisher's is, by
 * {@code delivery_close_timeout} plus a few seconds). Keep the sum under what stops the process
 * harder: supervisord's {@code stopwaitsecs} (10 s by default) before it sends SIGKILL.
 */
public final class Shutdown implements AutoCloseable {
    private static final class Log {
        // In a holder: a tool that closes without trouble never starts the logging.
        static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
    }

    private final Thread hook;
    // Guarded by this:
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private boolean closed;

    private Shutdown(String tool) {
        this.hook = new Thread(this::close, tool + "-shutdown");
    }

    /** Installs the JVM shutdown hook that closes the parts this {@code tool} will add. */
    public static Shutdown install(String tool) {
        Shutdown shutdown = new Shutdown(tool);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /**
     * Makes SIGTERM an orderly {@code System.exit(status)}, which runs the shutdown hooks (so each
     * tool's {@link Shutdown}) and then ends the process with {@code status}. Without it a JVM
     * ended by SIGTERM runs the same hooks but exits 143, which supervisord, whose way of stopping
     * a program is SIGTERM, logs as an unexpected {@code exit status 143}. For {@code main}, once
     * per process.
     *
     * @return false when the JVM keeps SIGTERM to itself ({@code -Xrs}, said on stderr): the
     *     process then ends at SIGTERM without closing anything
     */
    public static boolean exitOnTerm(String tool, int status) {
        return Signals.on(tool, "TERM", () -> System.exit(status), "stopping this way loses the events held in memory");
    }

    /** Adds {@code part}, to be closed before the parts added earlier; returns it. */
    public <T extends AutoCloseable> T add(T part) {
        synchronized (this) {
            if (!closed) {
                parts.push(part);
                return part;
            }
        }
        if (!closeQuietly(part)) {
            Thread.currentThread().interrupt();
        }
        return part;
    }

    /**
     * Closes the parts, last added first; returns once they are closed, whoever closed them. An
     * interrupt does not cut a part's closing short (each part would then skip its bounded wait and
     * drop what it holds): the flag is cleared for each part and restored at the end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        while (!parts.isEmpty()) {
            interrupted |= Thread.interrupted();
            interrupted |= !closeQuietly(parts.pop());
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already stopping: the hook will find everything closed.
            }
        }
        if (interrupted | Thread.interrupted()) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes {@code part}, logging a failure; false when it was interrupted. */
    private static boolean closeQuietly(AutoCloseable part) {
        String name = part.getClass().getSimpleName();
        try {
            part.close();
            return true;
        } catch (InterruptedException e) {
            Log.LOG.warn("interrupted while closing the {}", name);
            return false;
        } catch (Exception | LinkageError e) {
            Log.LOG.warn("could not close the {}: {}", name, e.toString());
            return true;
        }
    }
}
