package io.moustash.cuir.status;

import io.moustash.cuir.probe.Status;
import io.moustash.cuir.report.ResultTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code cuir --status}: reads the status file of the Cuir running the same configuration and prints
 * the table, with the exit status {@code --once} would give for the probes' states. A Cuir whose
 * process is gone (its pid ended, or is now another process's) or that has not written for
 * {@value #STALE_AFTER_WRITES} periods is not running: one line on stderr, exit 3, as for no file.
 */
public final class StatusQuery {
    /** Writes missed before a Cuir counts as stuck. */
    static final int STALE_AFTER_WRITES = 3;
    /** How far two readings of a process's start time may differ and still be the same process. */
    private static final Duration SAME_START = Duration.ofSeconds(1);
    static final String[] HEADERS = {"NAME", "TARGET", "STATE", "SINCE", "REASON"};
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** As a probe whose result is unknown: a Nagios check of the status then reads UNKNOWN. */
    static final int NOT_RUNNING = 3;

    private StatusQuery() {
    }

    /**
     * As {@link #run(Path, String, Clock, ZoneId, PrintWriter, Consumer)} with the first of {@code files}
     * that exists and whose writer still runs, else the first that exists: the status file in each
     * directory the spool may be in, as the writer chose among them
     * ({@link io.moustash.spool.SpoolDirectories#candidates}). Where none exists, says which
     * directory this user cannot look into: a Cuir running as another user (root, under supervisord)
     * writes there, and {@code --status} must then run as that user.
     */
    public static int run(List<Path> files, String config, Clock clock, ZoneId zone, PrintWriter out, Consumer<String> say) {
        List<Path> present = files.stream().filter(Files::exists).toList();
        if (!present.isEmpty()) {
            // A file a crash left in one place must not hide the running Cuir's in another.
            Path file = present.stream().filter(f -> writer(f).isPresent()).findFirst().orElse(present.get(0));
            return run(file, config, clock, zone, out, say);
        }
        List<Path> closed = files.stream().map(Path::getParent)
                .filter(dir -> Files.isDirectory(dir) && !(Files.isReadable(dir) && Files.isExecutable(dir))).toList();
        say.accept(noFile(config, files, closed));
        return NOT_RUNNING;
    }

    /** The line for no status file in any of {@code files}, {@code closed} the directories this user cannot look into. */
    static String noFile(String config, List<Path> files, List<Path> closed) {
        return "cuir: no Cuir is running with " + config + " (no status file "
                + String.join(", nor ", files.stream().map(Path::toString).toList()) + ")"
                + (closed.isEmpty() ? "" : "; this user cannot look into "
                        + String.join(" or ", closed.stream().map(Path::toString).toList())
                        + ", where a Cuir running as another user writes it: run cuir --status as that user");
    }

    /**
     * @param config the configuration file's real path, as the writer names it
     * @param say where the one line goes when no Cuir is running
     */
    public static int run(Path file, String config, Clock clock, ZoneId zone, PrintWriter out, Consumer<String> say) {
        StatusFile.Contents contents;
        try {
            contents = StatusFile.read(file);
        } catch (NoSuchFileException e) {
            say.accept("cuir: no Cuir is running with " + config + " (no status file " + file + ")");
            return NOT_RUNNING;
        } catch (IOException | IllegalArgumentException e) {
            say.accept("cuir: no Cuir is running with " + config + ": its status file " + file + " is "
                    + (e instanceof IllegalArgumentException ? e.getMessage() : "unreadable (" + e + ")"));
            return NOT_RUNNING;
        }
        StatusFile.Header h = contents.header();
        if (!h.config().equals(config)) {
            say.accept("cuir: no Cuir is running with " + config + " (" + file + " is the status of " + h.config() + ")");
            return NOT_RUNNING;
        }
        if (!alive(h)) {
            say.accept("cuir: no Cuir is running with " + config + ": the one that wrote " + file + " (pid " + h.pid()
                    + ") has ended");
            return NOT_RUNNING;
        }
        Duration age = Duration.between(h.written(), clock.instant());
        if (age.compareTo(h.every().multipliedBy(STALE_AFTER_WRITES)) > 0) {
            say.accept("cuir: the Cuir running with " + config + " (pid " + h.pid() + ") last wrote its status "
                    + age.toSeconds() + " s ago, though it writes every " + h.every().toMillis() / 1000.0
                    + " s: stopped or stuck");
            return NOT_RUNNING;
        }
        List<String[]> rows = new ArrayList<>();
        for (ProbeStatus p : contents.probes()) {
            rows.add(p.seen().map(s -> new String[] {p.name(), p.target(), s.state().map(Status::name).orElse(StatusFile.PENDING),
                SINCE.format(s.since().atZone(zone)), reason(s, p.downAfter())})
                    .orElse(new String[] {p.name(), p.target(), "PENDING", "-", "not probed yet"}));
        }
        rows.replaceAll(row -> Arrays.stream(row).map(StatusQuery::oneLine).toArray(String[]::new));
        ResultTable.printColumns(HEADERS, rows, out);
        return ResultTable.exitStatusOf(contents.probes().stream().flatMap(p -> p.seen().stream()).flatMap(s -> s.state().stream())
                .toList());
    }

    /** A cell on one line of the table, whatever a plugin's output held. */
    private static String oneLine(String cell) {
        return cell.replaceAll("[\\t\\r\\n]+", " ");
    }

    /** The last result's explanation, with the failures counted toward {@code down_after} or since. */
    static String reason(ProbeStatus.Seen s, int downAfter) {
        if (s.failures() == 0) {
            return s.explanation();
        }
        String count = s.failures() < downAfter ? s.failures() + " of " + downAfter + " failures before down"
                : s.failures() + (s.failures() == 1 ? " failure" : " failures in a row");
        return s.explanation().isEmpty() ? count : s.explanation() + " (" + count + ")";
    }

    /** The header of {@code file} when the process that wrote it is still running; empty otherwise or unreadable. */
    static Optional<StatusFile.Header> writer(Path file) {
        try {
            return Optional.of(StatusFile.read(file).header()).filter(StatusQuery::alive);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the writer's pid still runs, and is the same process (same start time, when the system says). */
    static boolean alive(StatusFile.Header h) {
        Optional<ProcessHandle> process = ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> now = process.get().info().startInstant();
        return h.started().isEmpty() || now.isEmpty()
                || Duration.between(now.get(), h.started().get()).abs().compareTo(SAME_START) <= 0;
    }
}
