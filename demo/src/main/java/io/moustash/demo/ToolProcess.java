package io.moustash.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the real tools run as a child process: {@code java -jar ROOT/TOOL/target/TOOL.jar -c INI ARGS}.
 * What it says on stderr goes to {@code TOOL.log} in the demo's directory (quoted when it fails);
 * stdin and stdout are pipes only when the demo talks to it (Fouet), else stdout joins the log.
 *
 * <p>{@link #close} always leaves nothing running: SIGTERM, a bounded wait, then SIGKILL for the
 * tool and anything it started. Not thread-safe.
 */
final class ToolProcess implements AutoCloseable {
    /** Flags that suit a small, short-lived JVM (the distribution's launchers choose their own). */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** Set by supervisord for its children; Fouet ignores the events of the process they name. */
    private static final List<String> INHERITED_NOT_WANTED = List.of("SUPERVISOR_ENABLED", "SUPERVISOR_SERVER_URL",
            "SUPERVISOR_PROCESS_NAME", "SUPERVISOR_GROUP_NAME", "MOUSTASH_CONFIG", "MOUSTASH_SPOOL_DIR");

    private final String name;
    private final Process process;
    private final Path log;

    private ToolProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code name}'s jar from {@code root} with the demo's configuration file.
     *
     * @param talk whether the demo talks to it on stdin/stdout (else stdin is empty and stdout goes to the log)
     */
    static ToolProcess start(Path root, String name, Path ini, Path logDir, boolean talk, String... args) {
        Path jar = jar(root, name);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString(), "-c", ini.toString()));
        command.addAll(List.of(args));
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command);
        INHERITED_NOT_WANTED.forEach(builder.environment()::remove);
        if (talk) {
            builder.redirectError(log.toFile());
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        try {
            Process process = builder.start();
            if (!talk) {
                process.getOutputStream().close(); // an empty stdin
            }
            return new ToolProcess(name, process, log);
        } catch (IOException e) {
            throw new DemoFailure("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The tool's jar as {@code mvn package} builds it; a {@link DemoFailure} when it is not there. */
    static Path jar(Path root, String name) {
        Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new DemoFailure(jar + " is missing: build the tools first (mvn -q -Pdemo package in " + root + ")");
        }
        return jar;
    }

    Process process() {
        return process;
    }

    String name() {
        return name;
    }

    /** Waits for the tool to exit by itself and returns its status. */
    int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(Math.max(bound.toMillis(), 0), TimeUnit.MILLISECONDS)) {
            throw new DemoFailure(name + " did not exit within " + bound.toSeconds() + " s" + lastWords());
        }
        return process.exitValue();
    }

    /** Asks the tool to stop as supervisord does (SIGTERM) and waits for it; returns its status. */
    int stop(Duration bound) throws InterruptedException {
        process.destroy();
        return awaitExit(bound);
    }

    /** The tool's last line on stderr, as {@code ": LINE"}, or nothing. */
    String lastWords() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return "; its last words: " + lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            // the log is only a hint
        }
        return "";
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
