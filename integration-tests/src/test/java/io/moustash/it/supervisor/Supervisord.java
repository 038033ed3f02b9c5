package io.moustash.it.supervisor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real supervisord from Debian's {@code supervisor} package, in its own directory (short enough
 * for its unix socket's path: a JUnit {@code @TempDir} under /tmp) with its own socket, running the
 * {@code [program:x]} and {@code [eventlistener:x]} sections a test gives. One per test;
 * {@link #close} shuts it down and waits, with a bound.
 */
public final class Supervisord implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final Process process;

    private Supervisord(Path dir, Path conf, Process process) {
        this.dir = dir;
        this.conf = conf;
        this.process = process;
    }

    /** Starts supervisord in {@code dir} with {@code sections} after its own; does not wait for them. */
    public static Supervisord start(Path dir, String sections) throws IOException {
        return start(dir, "", sections);
    }

    /** As {@link #start(Path, String)}, with {@code options} (lines such as {@code environment=…}) in {@code [supervisord]}. */
    public static Supervisord start(Path dir, String options, String sections) throws IOException {
        String conf = String.join("\n",
                "[unix_http_server]",
                "file=" + dir.resolve("supervisor.sock"),
                "[supervisord]",
                "logfile=" + dir.resolve("supervisord.log"),
                "pidfile=" + dir.resolve("supervisord.pid"),
                "childlogdir=" + dir,
                "loglevel=info",
                options,
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "[supervisorctl]",
                "serverurl=unix://" + dir.resolve("supervisor.sock"),
                "",
                sections, "");
        Path confFile = Files.writeString(dir.resolve("supervisord.conf"), conf, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("supervisord", "-n", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("supervisord.out").toFile()).start();
        return new Supervisord(dir, confFile, process);
    }

    /** Runs supervisorctl against this supervisord and returns what it printed. */
    public String ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("supervisorctl", "-c", conf.toString()));
        command.addAll(List.of(args));
        Process ctl = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = ctl.getInputStream().readAllBytes();
        if (!ctl.waitFor(30, TimeUnit.SECONDS)) {
            ctl.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Waits until {@code supervisorctl status program} says {@code state}; fails after {@code timeout}. */
    public void awaitState(String program, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "supervisord stopped: " + text("supervisord.out") + log());
            status = ctl("status", program);
            if (status.contains(state)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(program + " not " + state + " within " + timeout + ": " + status + "\n" + log());
    }

    /** supervisord's own log. */
    public String log() {
        return text("supervisord.log");
    }

    /** A file of its directory (a program's log), empty while there is none. */
    public String text(String file) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            ctl("shutdown");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
