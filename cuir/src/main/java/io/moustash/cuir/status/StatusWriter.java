package io.moustash.cuir.status;

import io.moustash.cuir.config.ProbeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a running Cuir's {@link StatusFile}: its own thread rewrites it every
 * {@link #every} from the {@link StatusBoard}, so {@code --status} can tell a Cuir that writes from
 * one that stopped. A file it cannot write is said once, and again once it can. {@link #close}
 * stops the thread and removes the file (unless another process wrote it since), so that a Cuir
 * stopped cleanly leaves no status behind. Safe to call twice.
 */
public final class StatusWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);
    /** The writing period's bounds: often enough to be fresh, rarely enough for 10,000 probes. */
    static final Duration MIN_EVERY = Duration.ofSeconds(1);
    static final Duration MAX_EVERY = Duration.ofSeconds(5);
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(2);

    private final Path file;
    private final String config;
    private final Duration every;
    private final StatusBoard board;
    private final Supplier<List<ProbeSpec>> probes;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private final Optional<Instant> started = ProcessHandle.current().info().startInstant();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cuir-status");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written by the status thread only. */
    private boolean failing;

    /**
     * @param config the configuration file's real path ({@link StatusFile#realPath})
     * @param probes the probes running now, in the file's order (a reload changes them)
     */
    public StatusWriter(Path file, String config, Duration every, StatusBoard board, Supplier<List<ProbeSpec>> probes,
            Clock clock) {
        this.file = file;
        this.config = config;
        this.every = every;
        this.board = board;
        this.probes = probes;
        this.clock = clock;
    }

    /** The writing period for probes every {@code interval} by default: that, within 1 to 5 s. */
    public static Duration every(Duration interval) {
        return interval.compareTo(MIN_EVERY) < 0 ? MIN_EVERY : interval.compareTo(MAX_EVERY) > 0 ? MAX_EVERY : interval;
    }

    public Path file() {
        return file;
    }

    /** Writes now, then every period; says so when another live process already writes this file. */
    public void start() {
        StatusQuery.writer(file).filter(other -> other.pid() != pid)
                .ifPresent(other -> LOG.warn("cuir: another Cuir (pid {}) runs with {}: cuir --status shows whichever"
                        + " wrote {} last", other.pid(), config, file));
        thread.scheduleWithFixedDelay(this::write, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Writes again soon, on the status thread: after a reload, so the new probes show at once. */
    public void refresh() {
        try {
            thread.execute(this::write);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void write() {
        try {
            StatusFile.write(file, new StatusFile.Contents(new StatusFile.Header(pid, started, config, clock.instant(), every),
                    board.snapshot(probes.get())));
            if (failing) {
                failing = false;
                LOG.info("cuir: status file {} written again", file);
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cuir: cannot write the status file {}: {} (cuir --status cannot see this Cuir meanwhile;"
                        + " said again when it is written)", file, e.toString());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Not shutdownNow: an interrupt would close the file channel of a write under way, a failure to say.
        thread.shutdown();
        if (!thread.awaitTermination(CLOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("cuir: the status file {} was still being written after {} ms; left as it is", file,
                    CLOSE_BOUND.toMillis());
            return;
        }
        try {
            if (StatusQuery.writer(file).filter(w -> w.pid() == pid).isPresent()) {
                Files.delete(file);
            }
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            LOG.warn("cuir: cannot remove the status file {}: {}", file, e.toString());
        }
    }
}
