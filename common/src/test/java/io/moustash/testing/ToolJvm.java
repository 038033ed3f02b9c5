package io.moustash.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tool's {@code main} in a JVM of its own, as supervisord, cron or a shell runs it, on the test's
 * class path: for what only a real process shows (signals, exit statuses, a closed pipe). Its stdin
 * and stdout are pipes the test holds; its stderr goes to a file, read with {@link #stderr}.
 */
public final class ToolJvm implements AutoCloseable {
    private final Process process;
    private final Path stderr;

    private ToolJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts {@code main} with {@code args}; its stderr goes to a file in {@code dir}. */
    public static ToolJvm start(Path dir, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), main.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, main.getSimpleName(), ".stderr");
        return new ToolJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    /** SIGTERM, as supervisord stops a program. */
    public void sigterm() {
        process.destroy();
    }

    /** Sends {@code SIG}{@code name} ({@code HUP}, {@code STOP}, {@code CONT}) with kill(1), and waits for kill to return. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + process.pid());
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits for the process to be gone: a crash, which cleans nothing up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "still running after SIGKILL");
    }

    /** Waits for the process to end and returns its exit status. */
    public int exitStatus(Duration within) throws InterruptedException {
        assertTrue(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS),
                "still running after " + within + "; stderr so far:\n" + stderr());
        return process.exitValue();
    }

    /** What it wrote on stderr so far. */
    public String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until its stderr contains {@code text}. */
    public void awaitStderr(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!stderr().contains(text)) {
            assertTrue(process.isAlive(), "ended before saying '" + text + "':\n" + stderr());
            assertTrue(System.nanoTime() < deadline, "did not say '" + text + "' within " + within + ":\n" + stderr());
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
