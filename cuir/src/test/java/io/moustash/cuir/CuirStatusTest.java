package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cli.Commands;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.testing.LogstashList;
import io.moustash.testing.ToolJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cuir --status} against the daemon in its own JVM: running, stopped, stuck, killed. */
class CuirStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    private final LoopbackTargets targets = new LoopbackTargets();
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void closeTargets() {
        targets.close();
    }

    private Path ini(String cuir) throws Exception {
        return Files.writeString(dir.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + redis.port() + "\nredis_namespace = cuir:status\nspool_dir = " + dir.resolve("spool") + "\n" + cuir);
    }

    private int status(Path file) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine line = Commands.commandLine(new Cuir());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute("-c", file.toString(), "--status");
    }

    /** Runs --status until it exits {@code expected}, within WAIT. */
    private void awaitStatus(Path file, int expected, ToolJvm cuir) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last;
        while ((last = status(file)) != expected) {
            assertTrue(System.nanoTime() < deadline, "--status still " + last + ", not " + expected + ": " + out + err
                    + (cuir == null ? "" : cuir.stderr()));
            Thread.sleep(100);
        }
    }

    private List<Path> statusFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".status")).toList();
        }
    }

    @Test
    void withNoCuirRunningItSaysSoInOneLineAndExitsThree() throws Exception {
        Path file = ini("[cuir]\nweb: 127.0.0.1:" + targets.listening() + ":web\n");
        assertEquals(3, status(file));
        assertEquals("", out.toString());
        List<String> said = err.toString().lines().toList();
        assertEquals(1, said.size(), err.toString());
        assertTrue(said.get(0).matches("cuir: no Cuir is running with " + file.toRealPath()
                + " \\(no status file .*/spool/cuir-[0-9a-f]{16}\\.status\\)"), said.get(0));
    }

    @Test
    void theRunningCuirsProbesThenStuckThenStoppedCleanly() throws Exception {
        int closed = LoopbackTargets.closedPort();
        Path file = ini("[cuir]\ninterval = 0.2\nweb: 127.0.0.1:" + targets.listening() + ":web\n"
                + "db: 127.0.0.1:" + closed + ":database\n"
                + "[cuir:soft]\nhost = 127.0.0.1\nport = " + closed + "\ndown_after = 1000\n");
        try (ToolJvm cuir = ToolJvm.start(dir, Cuir.class, "-c", file.toString())) {
            awaitStatus(file, 2, cuir);
            List<String> lines = out.toString().lines().toList();
            assertEquals(List.of("NAME", "TARGET", "STATE", "SINCE", "REASON"), List.of(lines.get(0).split("\\s+")));
            String since = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
            assertTrue(lines.get(1).matches("web\\s+127\\.0\\.0\\.1:\\d+\\s+UP\\s+" + since), lines.get(1));
            assertTrue(lines.get(2).matches("db\\s+127\\.0\\.0\\.1:" + closed + "\\s+DOWN\\s+" + since
                    + "\\s+refused \\((\\d+ failures in a row|1 failure)\\)"), lines.get(2));
            // Its state is not settled until down_after failures: pending, with the count so far.
            assertTrue(lines.get(3).matches("soft\\s+127\\.0\\.0\\.1:" + closed + "\\s+PENDING\\s+" + since
                    + "\\s+refused \\(\\d+ of 1000 failures before down\\)"), lines.get(3));
            assertEquals(4, lines.size(), out.toString());
            assertEquals("", err.toString());
            Path written = statusFiles().get(0);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));

            // Stopped (SIGSTOP): its pid lives but it writes no more; after three periods (1 s each) it is stuck.
            cuir.signal("STOP");
            try {
                awaitStatus(file, 3, cuir);
                assertTrue(err.toString().matches("cuir: the Cuir running with " + file.toRealPath() + " \\(pid "
                        + cuir.pid() + "\\) last wrote its status \\d+ s ago, though it writes every 1\\.0 s: stopped or"
                        + " stuck\\s*"), err.toString());
                assertEquals("", out.toString());
            } finally {
                cuir.signal("CONT");
            }
            awaitStatus(file, 2, cuir);

            cuir.sigterm();
            assertEquals(0, cuir.exitStatus(WAIT), cuir.stderr());
        }
        assertEquals(List.of(), statusFiles(), "a clean stop removes the status file");
        assertEquals(3, status(file));
        assertTrue(err.toString().contains("(no status file "), err.toString());
    }

    @Test
    void aCuirThatDiedLeavesAFileThatNamesAnEndedProcess() throws Exception {
        Path file = ini("[cuir]\ninterval = 0.2\nweb: 127.0.0.1:" + targets.listening() + ":web\n");
        long pid;
        try (ToolJvm cuir = ToolJvm.start(dir, Cuir.class, "-c", file.toString())) {
            awaitStatus(file, 0, cuir);
            pid = cuir.pid();
            cuir.kill();
        }
        assertFalse(statusFiles().isEmpty(), "SIGKILL cleans nothing up");
        assertEquals(3, status(file));
        assertEquals("cuir: no Cuir is running with " + file.toRealPath() + ": the one that wrote " + statusFiles().get(0)
                + " (pid " + pid + ") has ended", err.toString().strip());
    }

    @Test
    void aSecondCuirOfTheSameFileIsToldOfTheFirst() throws Exception {
        Path file = ini("[cuir]\ninterval = 0.2\nweb: 127.0.0.1:" + targets.listening() + ":web\n");
        try (ToolJvm first = ToolJvm.start(dir, Cuir.class, "-c", file.toString())) {
            awaitStatus(file, 0, first);
            try (ToolJvm second = ToolJvm.start(dir, Cuir.class, "-c", file.toString())) {
                second.awaitStderr("cuir: another Cuir (pid " + first.pid() + ") runs with " + file.toRealPath()
                        + ": cuir --status shows whichever wrote " + statusFiles().get(0) + " last", WAIT);
            }
        }
    }

    @Test
    void statusCombinesWithNeitherOnceNorCheckConfig() {
        CommandLine line = Commands.commandLine(new Cuir());
        line.setErr(new PrintWriter(err, true));
        assertEquals(64, line.execute("--status", "--once"));
        assertEquals("cuir: --status cannot be combined with --once", err.toString().strip());
    }
}
