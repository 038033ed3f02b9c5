package io.moustash.cuir.check.log;

import io.moustash.common.Durations;
import io.moustash.cuir.check.LogCheck;
import io.moustash.cuir.check.LogDetails;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.check.Texts;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes log checks: each round counts a file's new matching lines ({@link LogFollower}) and
 * compares the count with {@code min} and {@code max}.
 *
 * <p>A probe's place in its file is state that outlives a round: it is kept per probe name
 * (case-insensitive, as names are) and file, so a reloaded configuration that keeps both keeps the
 * place whatever else changed (match, min, max, interval); another name or file starts again at the
 * file's end. {@link #retain} lets the others go.
 *
 * <p>Files are read on two threads of its own ({@code cuir-log-N}), never on the I/O threads the
 * engine may start a probe from. Thread-safe; {@link #close} closes the files and stops the threads.
 */
public final class LogProber implements Prober<LogCheck> {
    private final Map<Key, LogFollower> followers = new ConcurrentHashMap<>();
    private final ExecutorService readers;

    /** Whose place in which file a follower keeps. */
    record Key(String name, Path file) {
        static Key of(ProbeSpec spec, LogCheck check) {
            return new Key(spec.name().toLowerCase(Locale.ROOT), check.file());
        }
    }

    LogProber() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "cuir-log-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        readers = pool;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeSpec spec, LogCheck check, long startNanos, Instant at) {
        LogFollower follower = followers.computeIfAbsent(Key.of(spec, check), k -> new LogFollower(k.file()));
        long remaining = Math.max(0, spec.timeout().toNanos() - (System.nanoTime() - startNanos));
        // Whichever comes first, the round or the deadline, gives the result; a round that ends after
        // its deadline leaves its count to the next round, since the place in the file has moved on.
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        AtomicBoolean claimed = new AtomicBoolean();
        try {
            readers.execute(() -> {
                LogCount count;
                try {
                    count = follower.read(check.match(), startNanos);
                } catch (IOException e) {
                    if (claimed.compareAndSet(false, true)) {
                        result.complete(result(spec, check, at, System.nanoTime() - startNanos, Status.UNKNOWN,
                                Reason.LOCAL_ERROR, "cannot read " + check.file() + ": " + why(e), null));
                    }
                    return;
                }
                if (claimed.compareAndSet(false, true)) {
                    result.complete(judge(spec, check, count, at, System.nanoTime() - startNanos));
                } else {
                    follower.unreported(count);
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(result(spec, check, at, System.nanoTime() - startNanos,
                    Status.UNKNOWN, Reason.LOCAL_ERROR, "probing has stopped", null));
        }
        CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(() -> {
            if (claimed.compareAndSet(false, true)) {
                result.complete(result(spec, check, at, System.nanoTime() - startNanos, Status.UNKNOWN, Reason.TIMEOUT,
                        "could not read " + check.file() + " within " + Durations.shown(spec.timeout()), null));
            }
        });
        return result;
    }

    /** The result of a round that read {@code count}: its status against min and max, and its detail in words. */
    public static ProbeResult judge(ProbeSpec spec, LogCheck check, LogCount count, Instant at, long durationNanos) {
        if (count.first()) {
            // Nothing to judge yet: the lines written before Cuir started are not this interval's.
            return result(spec, check, at, durationNanos, Status.UP, null, count.changes().contains("missing")
                    ? "first round: " + check.file() + " does not exist yet; its lines count once it does"
                    : "first round: 0 new lines, counting starts at the end of " + check.file(), count);
        }
        List<String> notes = new ArrayList<>();
        if (!count.changes().isEmpty()) {
            notes.add("file " + String.join(", ", count.changes()));
        }
        if (count.skippedBytes() > 0) {
            notes.add(bytes(count.skippedBytes()) + " skipped, only the last " + bytes(LogFollower.MAX_READ) + " read");
        }
        String aside = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
        int n = count.matches();
        String counted = counted(n, check) + " in " + window(count.windowNanos());
        if (check.max().isPresent() && n > check.max().getAsInt()) {
            return result(spec, check, at, durationNanos, Status.DOWN, Reason.TOO_MANY_MATCHES,
                    counted + ", more than max " + check.max().getAsInt() + aside, count);
        }
        if (check.min().isPresent() && n < check.min().getAsInt()) {
            return result(spec, check, at, durationNanos, Status.DOWN, Reason.TOO_FEW_MATCHES,
                    counted + (n == 0 ? "" : ", fewer than min " + check.min().getAsInt()) + aside, count);
        }
        return result(spec, check, at, durationNanos, Status.UP, null, counted + aside, count);
    }

    /** {@code no line matching /x/}, {@code 1 line matching /x/}, {@code 7 lines matching /x/}. */
    private static String counted(int n, LogCheck check) {
        String what = " matching /" + check.match().pattern() + "/";
        return n == 0 ? "no line" + what : n == 1 ? "1 line" + what : n + " lines" + what;
    }

    /** The time since the previous round, as a person says it: {@code 0.5 s}, {@code 60 s}, {@code 5 min}. */
    static String window(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 10) {
            return Durations.shown(java.time.Duration.ofMillis(Math.round(seconds * 10) * 100));
        }
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        return Math.round(seconds / 60) + " min";
    }

    private static String bytes(long n) {
        return n < 1024 * 1024 ? n + " bytes" : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }

    /** An I/O failure in words: Java's file exceptions carry the path as their message. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return Texts.oneLine(e);
    }

    private static ProbeResult result(ProbeSpec spec, LogCheck check, Instant at, long durationNanos, Status status,
            Reason reason, String detail, LogCount count) {
        return new ProbeResult(spec, at, status, reason, detail, durationNanos, new LogDetails(check, count));
    }

    /** Lets go of the files of log probes not in {@code kept}: after a reload, those removed or changed in name or file. */
    @Override
    public void retain(Collection<ProbeSpec> kept) {
        Set<Key> keys = new HashSet<>();
        for (ProbeSpec spec : kept) {
            if (spec.check() instanceof LogCheck log) {
                keys.add(Key.of(spec, log));
            }
        }
        followers.entrySet().removeIf(e -> {
            if (keys.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    @Override
    public void close() {
        readers.shutdownNow();
        followers.values().forEach(LogFollower::close);
        followers.clear();
    }
}
