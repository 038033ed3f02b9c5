package io.moustash.demo;

import static io.moustash.demo.DemoConfig.BACKUP;
import static io.moustash.demo.DemoConfig.CACHE;
import static io.moustash.demo.DemoConfig.LIST_KEY;
import static io.moustash.demo.DemoConfig.WEB;

import io.moustash.common.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's first command: runs the real Cuir, Fouet and PanPan jars against an embedded
 * redis-server, then takes the events off the list as logstash's redis input does and prints them.
 *
 * <p>Cuir probes three loopback ports (one listening, one that the demo stops and starts again, one
 * closed); Fouet is fed a recorded supervisord event stream in which a worker crashes; PanPan sends
 * a notification. Every wait is bounded, everything started is stopped and the temporary directory
 * removed, however the demo ends. Exit status 0 when the events show the whole chain working, 1
 * with one line on stderr when they do not.
 */
public final class Demo {
    static final String PANPAN_MESSAGE = "nightly backup finished";
    static final List<String> PANPAN_ARGS = List.of("-n", "-T", "backup", "-p", "backup", PANPAN_MESSAGE);
    /** The demo gives up after this long, whatever it is waiting for. */
    static final Duration WHOLE_DEMO = Duration.ofSeconds(50);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path root;
    private final PrintStream out;
    private final Cleanup cleanup = new Cleanup();
    private final long started = System.nanoTime();
    private long peeked;

    private Demo(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    /**
     * Exits with the failure's status, but returns normally on success: under {@code mvn -Pdemo
     * package} the demo runs inside Maven's JVM (exec:java), whose build goes on after it.
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != ExitCode.OK) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: Demo ROOT   (ROOT: the Moustash checkout whose tools mvn -q -Pdemo package built)");
            return ExitCode.USAGE;
        }
        Demo demo = new Demo(Path.of(args[0]).toAbsolutePath().normalize(), out);
        Thread hook = new Thread(demo.cleanup::close, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.show();
            return ExitCode.OK;
        } catch (DemoFailure e) {
            err.println("demo failed: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("demo failed: " + e);
            return 1;
        } finally {
            demo.cleanup.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already stopping (Ctrl-C): the hook has run or is running
            }
        }
    }

    private void show() throws Exception {
        for (String tool : List.of("cuir", "fouet", "panpan")) {
            ToolProcess.jar(root, tool);
        }
        Path dir = Files.createTempDirectory("moustash-demo-");
        cleanup.add(() -> deleteTree(dir));
        out.println("Moustash demo: the real Cuir, Fouet and PanPan publish to a real redis-server;"
                + " the demo plays supervisord and logstash.");
        EmbeddedRedis redis = cleanup.add(EmbeddedRedis.start(dir));
        say("redis", "embedded redis-server on 127.0.0.1:" + redis.port() + ", events go to the list " + LIST_KEY);
        LoopbackService web = cleanup.add(LoopbackService.listening(WEB));
        LoopbackService cache = cleanup.add(LoopbackService.listening(CACHE));
        int backupPort = LoopbackService.freePort();
        Path ini = DemoConfig.write(dir, redis.port(), web.port(), cache.port(), backupPort);
        say("config", ini + " (event_format = ecs, spool_dir beside it; removed at the end)");
        List<RecordedEvent> recording = SupervisordRecording.bundled();
        LogstashListReader reader = cleanup.add(new LogstashListReader(redis.port()));

        ToolProcess cuir = cleanup.add(ToolProcess.start(root, "cuir", ini, dir, false));
        say("cuir", "probing every 0.5 s: " + WEB + " 127.0.0.1:" + web.port() + " (listening), " + CACHE
                + " 127.0.0.1:" + cache.port() + " (listening), " + BACKUP + " 127.0.0.1:" + backupPort
                + " (nothing listens)");
        ToolProcess fouet = cleanup.add(ToolProcess.start(root, "fouet", ini, dir, true));
        CompletableFuture<Void> played = CompletableFuture.runAsync(() -> play(fouet, recording));
        say("fouet", fouetFed(recording));
        ToolProcess panpan = cleanup.add(ToolProcess.start(root, "panpan", ini, dir, false,
                PANPAN_ARGS.toArray(String[]::new)));
        say("panpan", "panpan " + PANPAN_ARGS.stream().map(Demo::quoted).collect(Collectors.joining(" ")));

        awaitCuir(reader, cuir, CACHE + " up", e -> e.status().equals("up"));
        cache.stop();
        say("cuir", "reported " + CACHE + " up; the demo stops the cache service");
        awaitCuir(reader, cuir, CACHE + " down", e -> e.action().equals("down"));
        cache.start();
        say("cuir", "reported " + CACHE + " down; the demo starts it again");
        awaitCuir(reader, cuir, CACHE + " recovered", e -> e.action().equals("recovered"));
        cuir.stop(step());
        say("cuir", "reported " + CACHE + " recovered; stopped with SIGTERM, as supervisord stops it");

        awaitPlayed(played, fouet);
        fouet.process().getOutputStream().close();
        expectSuccess(fouet, "after the end of its stdin");
        say("fouet", "answered RESULT 2 OK to every event; exited 0 at the end of its stdin");
        expectSuccess(panpan, "");
        say("panpan", "exited 0: its event is in Redis");

        List<String> documents = reader.drain(LIST_KEY);
        List<DemoEvent> events = documents.stream().map(DemoEvent::parse).toList();
        out.println();
        out.println(takenOff(events.size()));
        EventTable.print(events, out);
        out.println();
        out.println("The same events as logstash receives them, one JSON document each:");
        documents.forEach(document -> out.println(document));
        out.println();
        summarize(events, reader, dir);
        List<String> unmet = Expectations.unmet(events, recording, PANPAN_MESSAGE);
        if (!unmet.isEmpty()) {
            throw new DemoFailure(unmet.get(0) + (unmet.size() > 1 ? " (and " + (unmet.size() - 1) + " more)" : ""));
        }
        out.printf(Locale.ROOT, "Demo done in %.1f s: every event reached Redis and was read back as logstash reads it.%n",
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * What Fouet is fed, counted as the table will show it: the stderr chunk is no event of its own
     * but the crash's context, so the events it publishes are fewer than those it reads.
     */
    static String fouetFed(List<RecordedEvent> recording) {
        int published = Expectations.publishedByFouet(recording).size();
        int context = recording.size() - published;
        return "fed " + recording.size() + " recorded supervisord events over stdin/stdout: worker starts, writes a"
                + " traceback on stderr, crashes, backs off, goes FATAL; " + published + " become events"
                + (context == 0 ? "" : ", the stderr " + (context == 1 ? "chunk rides" : "chunks ride")
                        + " along with the crash");
    }

    /** The heading of the table; how the list is read is {@link LogstashListReader}'s business. */
    static String takenOff(int count) {
        return count + " events taken off the Redis list " + LIST_KEY + " as logstash's redis input takes them:";
    }

    private void summarize(List<DemoEvent> events, LogstashListReader reader, Path dir) throws IOException {
        out.println("Summary: " + events.size() + " events, " + Expectations.counts(events).entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        List<DemoEvent> notifications = events.stream().filter(DemoEvent::notification).toList();
        out.println("  " + notifications.size() + " notifications:");
        notifications.forEach(event -> out.println("    " + EventTable.headline(event)));
        long spooled = spoolFiles(dir.resolve("spool"));
        out.println("  list " + LIST_KEY + " now holds " + reader.length(LIST_KEY) + " events; "
                + (spooled == 0 ? "nothing waits in the spool" : spooled + " spool files wait in " + dir));
        if (spooled > 0) {
            throw new DemoFailure(spooled + " spool files left: some events were spooled instead of reaching Redis");
        }
    }

    /** Waits until Cuir has published an event of the cache probe that passes {@code test}. */
    private void awaitCuir(LogstashListReader reader, ToolProcess cuir, String what, Predicate<DemoEvent> test)
            throws InterruptedException {
        long deadline = System.nanoTime() + step().toNanos();
        while (System.nanoTime() < deadline) {
            for (String document : reader.peek(LIST_KEY, peeked)) {
                peeked++;
                DemoEvent event = DemoEvent.parse(document);
                if (event.tool().equals("cuir") && event.probe().equals(CACHE) && test.test(event)) {
                    return;
                }
            }
            if (!cuir.process().isAlive()) {
                throw new DemoFailure("cuir exited with status " + cuir.process().exitValue() + " before it reported "
                        + what + cuir.lastWords());
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new DemoFailure("cuir did not report " + what + " within " + step().toSeconds() + " s"
                + cuir.lastWords());
    }

    private static void play(ToolProcess fouet, List<RecordedEvent> recording) {
        try {
            new SupervisordPlayer(fouet.process().getInputStream(), fouet.process().getOutputStream(), "fouet")
                    .play(recording);
        } catch (IOException e) {
            throw new DemoFailure("talking to fouet: " + e.getMessage() + fouet.lastWords(), e);
        }
    }

    private void awaitPlayed(CompletableFuture<Void> played, ToolProcess fouet) throws InterruptedException {
        try {
            played.get(step().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fouet.close();
            throw new DemoFailure("fouet did not answer every event within " + step().toSeconds() + " s"
                    + fouet.lastWords());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DemoFailure failure) {
                throw new DemoFailure(failure.getMessage() + fouet.lastWords(), failure);
            }
            throw new DemoFailure("playing supervisord to fouet: " + e.getCause(), e.getCause());
        }
    }

    private void expectSuccess(ToolProcess tool, String when) throws InterruptedException {
        int status = tool.awaitExit(step());
        if (status != ExitCode.OK) {
            throw new DemoFailure(tool.name() + " exited with status " + status + (when.isEmpty() ? "" : " " + when)
                    + tool.lastWords());
        }
    }

    /** The time a step may take: {@link #STEP}, or what is left of {@link #WHOLE_DEMO} when less. */
    private Duration step() {
        Duration left = WHOLE_DEMO.minusNanos(System.nanoTime() - started);
        return left.compareTo(STEP) < 0 ? (left.isNegative() ? Duration.ZERO : left) : STEP;
    }

    private void say(String who, String what) {
        out.printf(Locale.ROOT, "  %-7s %s%n", who, what);
    }

    private static String quoted(String argument) {
        return argument.contains(" ") ? "\"" + argument + "\"" : argument;
    }

    private static long spoolFiles(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".spool")).count();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("demo: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
