package io.moustash.cuir;

import io.moustash.common.MoustashException;
import io.moustash.config.IniDocument;
import io.moustash.config.IniEntry;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.CuirOptions;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.schedule.Reload;
import io.moustash.runtime.MoustashSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP: reads the configuration file again and, when it is valid, gives the running Cuir its
 * probes ({@link Reload}: kept ones keep their state, changed and added ones start, removed ones
 * stop). An invalid file changes nothing: every problem is said, as {@code --check-config} says it,
 * and the running probes go on. What a restart alone can change (the broker, the events, delivery:
 * all of {@code [moustash]}; {@code [cuir]} report and max_in_flight, which the publisher and the
 * probe engine were made with) is said when it differs from what runs, at each reload.
 *
 * <p><b>Threads:</b> {@link #request} only queues; reloads run one at a time on this class's own
 * thread, and signals received meanwhile make one more reload, of the file as it is then.
 */
final class Reloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    private static final long SWAP_BOUND_SECONDS = 10;
    /** Short: closing runs within supervisord's stopwaitsecs, with the publisher's flush after it. */
    private static final long CLOSE_BOUND_SECONDS = 2;

    /** A configuration read and validated: {@code [moustash]} and Cuir's sections. */
    record Loaded(MoustashSettings settings, CuirConfig cuir) {
    }

    private final Supplier<Loaded> load;
    private final Loaded running;
    private final Function<List<ProbeSpec>, CompletableFuture<Reload>> replace;
    private final Consumer<List<ProbeSpec>> applied;
    private final Consumer<String> say;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cuir-reload");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param load reads the file again; throws a {@link MoustashException} for an invalid one
     * @param running what Cuir started with: what a restart alone changes is compared to it
     * @param replace gives the scheduler the new probes
     * @param applied told the new probes once they run (the status file's list)
     * @param say where the file's warnings and problems go, one line each (stderr)
     */
    Reloader(Supplier<Loaded> load, Loaded running, Function<List<ProbeSpec>, CompletableFuture<Reload>> replace,
            Consumer<List<ProbeSpec>> applied, Consumer<String> say) {
        this.load = load;
        this.running = running;
        this.replace = replace;
        this.applied = applied;
        this.say = say;
    }

    /** Asks for a reload; returns at once (a signal handler calls it). */
    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    queued.set(false);
                    reload();
                });
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void reload() {
        String file = running.cuir().file();
        LOG.info("cuir: SIGHUP: reading {} again", file);
        Loaded next;
        try {
            next = load.get();
        } catch (MoustashException e) {
            LOG.warn("cuir: {} not reloaded, the running configuration stays:", file);
            e.getMessage().lines().forEach(say);
            return;
        }
        List<String> restart = needRestart(running, next);
        if (!restart.isEmpty()) {
            LOG.warn("cuir: {} changed: {} at the next restart (supervisorctl restart cuir); the probes are reloaded now",
                    String.join(", ", restart), restart.size() == 1 ? "it takes effect" : "they take effect");
        }
        List<ProbeSpec> probes = next.cuir().probes();
        // Whenever the scheduler takes the probes, what shows them (the status file) follows, late or not.
        CompletableFuture<Reload> swap = replace.apply(probes).whenComplete((plan, failure) -> {
            if (failure == null) {
                applied.accept(probes);
            }
        });
        try {
            Reload plan = swap.get(SWAP_BOUND_SECONDS, TimeUnit.SECONDS);
            LOG.info("cuir: reloaded {}: {}", file, plan.summary());
        } catch (ExecutionException e) {
            LOG.warn("cuir: {} not reloaded: {}", file, e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("cuir: {}: the scheduler has not taken the probes within {} s; they take effect when it does",
                    file, SWAP_BOUND_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The options that differ between {@code before} and {@code after} and only a restart applies:
     * {@code [moustash] redis_port}, {@code [cuir] report}.
     */
    static List<String> needRestart(Loaded before, Loaded after) {
        List<String> changed = new ArrayList<>();
        Map<String, String> was = entries(before.settings().document(), MoustashSettings.SECTION);
        Map<String, String> is = entries(after.settings().document(), MoustashSettings.SECTION);
        for (String name : union(was, is)) {
            if (!String.valueOf(was.get(name)).equals(String.valueOf(is.get(name)))) {
                changed.add("[" + MoustashSettings.SECTION + "] " + name);
            }
        }
        if (before.cuir().report() != after.cuir().report()) {
            changed.add("[" + CuirOptions.SECTION + "] " + CuirOptions.REPORT.name());
        }
        if (before.cuir().maxInFlight() != after.cuir().maxInFlight()) {
            changed.add("[" + CuirOptions.SECTION + "] " + CuirOptions.MAX_IN_FLIGHT.name());
        }
        if (!before.cuir().heartbeatInterval().equals(after.cuir().heartbeatInterval())) {
            changed.add("[" + CuirOptions.SECTION + "] " + CuirOptions.HEARTBEAT_INTERVAL.name());
        }
        return changed;
    }

    /** A section's options by lower-cased name, the last one written winning, as the reader takes them. */
    private static Map<String, String> entries(IniDocument document, String section) {
        Map<String, String> values = new TreeMap<>();
        for (IniEntry entry : document.sectionOrEmpty(section).entries()) {
            values.put(entry.name().toLowerCase(Locale.ROOT), entry.value());
        }
        return values;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, String> all = new TreeMap<>(a);
        all.putAll(b);
        return List.copyOf(all.keySet());
    }

    /** Stops taking reloads; waits a moment for one under way. Safe to call twice. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
