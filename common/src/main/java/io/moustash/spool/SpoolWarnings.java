package io.moustash.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a {@link Spool} says about trouble, each thing once: an entry it goes past (once per path
 * for the whole process), a full disk or an unwritable progress file (once per outage, until a
 * write succeeds again), files left for other destinations (once). One place decides what is said
 * once, so that a spool scanned every two seconds or refusing every event does not fill the log.
 *
 * <p><b>Threads:</b> not thread-safe apart from the per-path set; its spool calls it with the
 * spool's monitor held.
 */
final class SpoolWarnings {
    /** Entries already said to be skipped, by any spool of this process. */
    private static final Set<Path> SKIPPED = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Consumer<String> warnings;
    private boolean diskSaid;
    private boolean progressSaid;
    private boolean elsewhereSaid;

    SpoolWarnings(Path dir, Consumer<String> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    /** {@code path} is gone past, because of {@code reason}; said once per path per process. */
    void skipping(Path path, String reason) {
        if (SKIPPED.add(path.toAbsolutePath())) {
            warnings.accept("spool " + dir + ": skipping " + path + ": " + reason);
        }
    }

    /** The exception for a failed write or sync; the first of an outage is also said. */
    SpoolException disk(String what, IOException e) {
        SpoolException failure = new SpoolException("spool " + dir + ": " + what + ": " + e.getMessage(), e);
        if (!diskSaid) {
            diskSaid = true;
            warnings.accept(failure.getMessage() + "; events that cannot reach the broker are refused until it can");
        }
        return failure;
    }

    /** A write succeeded: the next failure is a new outage. */
    void diskWorks() {
        diskSaid = false;
    }

    /** {@code ack} could not be written; the delivery is remembered in memory all the same. */
    void progress(Path ack, IOException e) {
        if (!progressSaid) {
            progressSaid = true;
            warnings.accept("spool " + dir + ": cannot record delivery progress in " + ack + " ("
                    + PrivateFiles.reason(e) + "); delivered events are not sent again unless this process stops"
                    + " before their file is done");
        }
    }

    /** A progress file was written: the next failure is a new outage. */
    void progressWorks() {
        progressSaid = false;
    }

    /** Once: how many files were left for other destinations, and which ({@code destinations}, one per file). */
    void elsewhere(Collection<String> destinations) {
        if (elsewhereSaid || destinations.isEmpty()) {
            return;
        }
        elsewhereSaid = true;
        Map<String, Integer> counts = new TreeMap<>();
        destinations.forEach(d -> counts.merge(d, 1, Integer::sum));
        StringBuilder which = new StringBuilder();
        counts.forEach((d, n) -> which.append(which.length() == 0 ? "" : "; ").append(d).append(" (").append(n)
                .append(')'));
        warnings.accept("spool " + dir + ": leaving " + destinations.size() + " file(s) for other destinations to "
                + "the tools that send there: " + which);
    }

    /** Said every time: it happens once per removal. */
    void remade() {
        warnings.accept("spool " + dir + ": the directory was removed; made it again");
    }
}
