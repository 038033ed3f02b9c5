package io.moustash.it.fouet;

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
 * A real supervisord from Debian's {@code supervisor} package, in its own directory with its own
 * unix socket, running Fouet from {@code fouet/target/fouet.jar} as {@code [eventlistener:fouet]}.
 * One per test; {@link #close} shuts it down and waits, with a bound.
 */
final class Supervisord implements AutoCloseable {

    private final Path dir;
    private final Path conf;
    private final Process process;

    private Supervisord(Path dir, Path conf, Process process) {
        this.dir = dir;
        this.conf = conf;
        this.process = process;
    }

    /** The JVM options Fouet's launcher passes ({@code opts.fouet} in the parent pom), which docs/benchmarks.md measures. */
    static String jvmOptions() {
        String options = System.getProperty("moustash.fouet.jvm");
        assertTrue(options != null && !options.isBlank(),
                "moustash.fouet.jvm is not set: run the suite through Maven (-Pintegration), whose pom passes opts.fouet");
        return options;
    }

    /**
     * Starts supervisord with Fouet subscribed to {@code events} and the given {@code [program:x]}
     * sections, and waits until Fouet is RUNNING.
     */
    static Supervisord start(Path dir, String moustashIni, String events, String programs) throws Exception {
        Path jar = Path.of(System.getProperty("moustash.root", "..")).resolve("fouet/target/fouet.jar")
                .toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it with mvn package (the suite's reactor does)");
        Path ini = dir.resolve("moustash.ini");
        Files.writeString(ini, moustashIni, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String conf = String.join("\n",
                "[unix_http_server]",
                "file=" + dir.resolve("supervisor.sock"),
                "[supervisord]",
                "logfile=" + dir.resolve("supervisord.log"),
                "pidfile=" + dir.resolve("supervisord.pid"),
                "childlogdir=" + dir,
                "loglevel=info",
                "[rpcinterface:supervisor]",
                "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                "[supervisorctl]",
                "serverurl=unix://" + dir.resolve("supervisor.sock"),
                "[eventlistener:fouet]",
                "command=" + java + " " + jvmOptions() + " -jar " + jar + " -c " + ini,
                "events=" + events,
                "stderr_logfile=" + dir.resolve("fouet.stderr.log"),
                "startsecs=1",
                "",
                programs, "");
        Path confFile = dir.resolve("supervisord.conf");
        Files.writeString(confFile, conf, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("supervisord", "-n", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("supervisord.out").toFile()).start();
        Supervisord supervisord = new Supervisord(dir, confFile, process);
        supervisord.awaitState("fouet", "RUNNING", Duration.ofSeconds(30));
        return supervisord;
    }

    /** Runs supervisorctl against this supervisord and returns what it printed. */
    String ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("supervisorctl", "-c", conf.toString()));
        command.addAll(List.of(args));
        Process ctl = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = ctl.getInputStream().readAllBytes();
        if (!ctl.waitFor(30, TimeUnit.SECONDS)) {
            ctl.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    void awaitState(String program, String state, Duration timeout) throws Exception {
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
    String log() {
        return text("supervisord.log");
    }

    /** What Fouet wrote on stderr. */
    String fouetStderr() {
        return text("fouet.stderr.log");
    }

    private String text(String file) {
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
