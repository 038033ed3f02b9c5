package io.moustash.it.fault;

import io.moustash.it.dist.Distribution;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's launchers ({@code bin/panpan}, {@code bin/fouet}) run as a user runs them,
 * each in a process whose every wait is bounded: a run that outlives its bound is killed (with
 * the JVM the launcher started) and reported as such, never left to hang the suite.
 */
final class Tools {
    private Tools() {
    }

    static Path home() {
        return Distribution.home();
    }

    /**
     * What one run of a tool did, and how long it took: from its start, or for a stream from the
     * end of its input ({@link Child#finish}). {@code timedOut}: killed at its bound.
     */
    record Run(int exit, String out, String err, long millis, boolean timedOut) {
        @Override
        public String toString() {
            return (timedOut ? "killed after " : "exit " + exit + " after ") + millis + " ms\nstdout: " + out
                    + "\nstderr: " + err;
        }
    }

    /** A started tool; stdout and stderr go to files, so nothing blocks on a full pipe. */
    static final class Child implements AutoCloseable {
        final Process process;
        final Path out;
        final Path err;
        private long waitFrom = System.nanoTime();

        private Child(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        OutputStream stdin() {
            return process.getOutputStream();
        }

        /** Writes to its stdin; if it stopped reading (it exited), fails with what it said. */
        void write(String text) throws IOException, InterruptedException {
            try {
                process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                throw new AssertionError("it stopped reading its input: " + await(5_000), e);
            }
        }

        /** The pid of the JVM itself (the launcher execs it; the run that makes a CDS archive does not). */
        long jvmPid() {
            return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
        }

        /** SIGKILL to the JVM and the launcher: no shutdown hook, no close. */
        void kill9() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** Closes stdin and waits for the exit, at most {@code boundMillis} from now, which {@link Run#millis} counts from. */
        Run finish(long boundMillis) throws IOException, InterruptedException {
            waitFrom = System.nanoTime();
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // it exited already: its status says why
            }
            return await(boundMillis);
        }

        Run await(long boundMillis) throws IOException, InterruptedException {
            boolean exited = process.waitFor(boundMillis, TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitFrom);
            if (!exited) {
                kill9();
            }
            return new Run(exited ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis, !exited);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }

    private static boolean warm;

    /**
     * Runs each tool once before any row does, against a closed port with a throw-away spool: the
     * launcher's first run of a tool makes its class-data-sharing archive at exit, which no row's
     * bound should have to pay for.
     */
    static synchronized void warmUp() throws IOException, InterruptedException {
        if (warm) {
            return;
        }
        warm = true;
        Path scratch = Files.createTempDirectory("moustash-it-fault-warm");
        Path ini = scratch.resolve("moustash.ini");
        Files.writeString(ini, "[moustash]\ntransport = redis\nredis_host = 127.0.0.1\nredis_port = "
                + io.moustash.testing.RedisFixture.freePort() + "\nspool_dir = " + scratch.resolve("spool") + "\n");
        for (String tool : List.of("panpan", "fouet")) {
            List<String> args = tool.equals("panpan") ? List.of("-c", ini.toString(), "warm-up") : List.of("-c", ini.toString());
            launch(scratch, tool, args).finish(60_000); // fouet: READY, then the end of its input
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(scratch)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Starts {@code bin/TOOL args} with stdin a pipe the caller writes to. */
    static Child start(Path scratch, String tool, List<String> args) throws IOException, InterruptedException {
        warmUp();
        return launch(scratch, tool, args);
    }

    private static Child launch(Path scratch, String tool, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin").resolve(tool).toString());
        command.addAll(args);
        Path out = Files.createTempFile(scratch, tool, ".out");
        Path err = Files.createTempFile(scratch, tool, ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("MOUSTASH_CONFIG");
        builder.environment().remove("MOUSTASH_SPOOL_DIR");
        // One archive for the whole suite, outside the rows' scratch directories.
        builder.environment().put("MOUSTASH_CACHE_DIR", cacheDir().toString());
        return new Child(builder.start(), out, err);
    }

    static Path cacheDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "moustash-it-fault-cds"));
    }

    /** {@code bin/panpan args} with stdin closed, killed if it has not exited within {@code boundMillis}. */
    static Run panpan(Path scratch, long boundMillis, String... args) throws IOException, InterruptedException {
        Child child = start(scratch, "panpan", List.of(args));
        return child.finish(boundMillis); // at once: the bound counts from its start
    }
}
