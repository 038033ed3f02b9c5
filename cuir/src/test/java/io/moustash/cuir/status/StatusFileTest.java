package io.moustash.cuir.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.probe.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status file written and read back, and what --status makes of it. */
class StatusFileTest {
    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final List<String> said = new ArrayList<>();

    private static final List<ProbeStatus> PROBES = List.of(
            new ProbeStatus("web", "127.0.0.1:80", 1, Optional.of(new ProbeStatus.Seen(Optional.of(Status.UP), T0, T0.plusSeconds(60), 0, ""))),
            new ProbeStatus("db", "db:5432", 3, Optional.of(new ProbeStatus.Seen(Optional.of(Status.UP), T0, T0.plusSeconds(61), 2,
                    "refused"))),
            new ProbeStatus("odd\tname", "/bin/sh -c 'a\\b'", 1, Optional.of(new ProbeStatus.Seen(Optional.of(Status.DOWN),
                    T0.plusSeconds(5), T0.plusSeconds(62), 7, "plugin_status: line one\nline two"))),
            new ProbeStatus("new", "::1:22", 1, Optional.empty()));

    private StatusFile.Contents contents(long pid, String config, Instant written) {
        return new StatusFile.Contents(new StatusFile.Header(pid, ProcessHandle.current().info().startInstant(), config,
                written, Duration.ofSeconds(5)), PROBES);
    }

    private int query(Path file, String config, Instant now) {
        return StatusQuery.run(file, config, Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC, new PrintWriter(out, true),
                said::add);
    }

    @Test
    void writtenPrivateAndReadBackWhole() throws Exception {
        Path file = StatusFile.of(dir, "/etc/moustash/moustash.ini");
        assertTrue(file.getFileName().toString().matches("cuir-[0-9a-f]{16}\\.status"), file.toString());
        StatusFile.Contents written = contents(42, "/etc/moustash/moustash.ini", T0.plusSeconds(63));
        StatusFile.write(file, written);
        StatusFile.write(file, written);
        assertEquals(written, StatusFile.read(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
        assertTrue(Files.readString(file).contains("probe\todd\\tname\t/bin/sh -c 'a\\\\b'\t1\tDOWN\t"), Files.readString(file));
    }

    @Test
    void namedByTheFnv1aHashOfTheRealPath() throws Exception {
        // The published FNV-1a 64-bit test vectors.
        assertEquals(0xcbf29ce484222325L, StatusFile.fnv1a(""));
        assertEquals(0xaf63dc4c8601ec8cL, StatusFile.fnv1a("a"));
        assertEquals(0x85944171f73967e8L, StatusFile.fnv1a("foobar"));
        Path ini = Files.writeString(dir.resolve("moustash.ini"), "");
        Files.createSymbolicLink(dir.resolve("link.ini"), ini);
        assertEquals(StatusFile.of(dir, ini.toString()), StatusFile.of(dir, dir.resolve("link.ini").toString()));
        assertNotEquals(StatusFile.of(dir, ini.toString()), StatusFile.of(dir, "/etc/moustash/moustash.ini"));
    }

    @Test
    void aTemporaryFileLeftByACrashedWriterIsReplaced() throws Exception {
        Path file = StatusFile.of(dir, "/x.ini");
        Path left = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        Files.writeString(left, "half a file");
        StatusFile.write(file, contents(42, "/x.ini", T0));
        assertEquals(contents(42, "/x.ini", T0), StatusFile.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theStatusIsLookedForInEachDirectoryTheSpoolMayBeIn() throws Exception {
        Path system = dir.resolve("system");
        Path user = Files.createDirectory(dir.resolve("user"));
        List<Path> files = List.of(StatusFile.of(system, "/x.ini"), StatusFile.of(user, "/x.ini"));
        StatusFile.write(files.get(1), contents(ProcessHandle.current().pid(), "/x.ini", T0));
        assertEquals(2, StatusQuery.run(files, "/x.ini", Clock.fixed(T0, ZoneOffset.UTC), ZoneOffset.UTC,
                new PrintWriter(out, true), said::add), "found in the second: the table's status (one probe down)");
        assertTrue(out.toString().startsWith("NAME"), out.toString());
        assertEquals(List.of(), said);
        Files.delete(files.get(1));
        assertEquals(StatusQuery.NOT_RUNNING, StatusQuery.run(files, "/x.ini", Clock.fixed(T0, ZoneOffset.UTC),
                ZoneOffset.UTC, new PrintWriter(out, true), said::add));
        assertEquals(List.of("cuir: no Cuir is running with /x.ini (no status file " + files.get(0) + ", nor " + files.get(1)
                + ")"), said);
        assertFalse(Files.exists(system), "looked for, not made");
        Files.createDirectory(system);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        StatusFile.write(files.get(0), contents(ended.pid(), "/x.ini", T0));
        StatusFile.write(files.get(1), contents(ProcessHandle.current().pid(), "/x.ini", T0));
        said.clear();
        assertEquals(2, StatusQuery.run(files, "/x.ini", Clock.fixed(T0, ZoneOffset.UTC), ZoneOffset.UTC,
                new PrintWriter(out, true), said::add), "a file a crash left in the first hides not the running Cuir's");
        assertEquals(List.of(), said);
    }

    @Test
    void aFileCutShortOrOfAnotherFormatIsRefused() throws Exception {
        String text = StatusFile.format(contents(42, "/x.ini", T0));
        for (int cut : List.of(0, 10, text.length() / 2, text.length() - 6)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StatusFile.parse(text.substring(0, cut)), "cut at " + cut);
            assertTrue(e.getMessage().matches("empty|incomplete|not a status file.*|malformed.*"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StatusFile.parse(text.replace(" 1\n", " 2\n")));
        assertEquals("\\\\ \\t \\n \\r", StatusFile.escape("\\ \t \n \r"));
        assertEquals("\\ \t \n \r", StatusFile.unescape(StatusFile.escape("\\ \t \n \r")));
    }

    @Test
    void theRunningWritersProbesAsATableWithTheExitStatusOfOnce() throws Exception {
        Path file = StatusFile.of(dir, "/x.ini");
        StatusFile.write(file, contents(ProcessHandle.current().pid(), "/x.ini", T0.plusSeconds(63)));
        assertEquals(2, query(file, "/x.ini", T0.plusSeconds(70)), said.toString());
        assertEquals(List.of(
                "NAME      TARGET            STATE    SINCE                REASON",
                "web       127.0.0.1:80      UP       2026-12-02 03:00:00",
                "db        db:5432           UP       2026-12-02 03:00:00  refused (2 of 3 failures before down)",
                "odd name  /bin/sh -c 'a\\b'  DOWN     2026-12-02 03:00:05  plugin_status: line one line two (7 failures in a row)",
                "new       ::1:22            PENDING  -                    not probed yet"),
                out.toString().lines().toList(), "one line per probe, whatever its cells hold");
        assertEquals(List.of(), said);
    }

    @Test
    void aWriterSilentForThreePeriodsIsStuck() throws Exception {
        Path file = StatusFile.of(dir, "/x.ini");
        StatusFile.write(file, contents(ProcessHandle.current().pid(), "/x.ini", T0));
        assertEquals(2, query(file, "/x.ini", T0.plusSeconds(15)), "three periods of 5 s: still fresh");
        assertEquals(3, query(file, "/x.ini", T0.plusSeconds(16)));
        assertEquals(List.of("cuir: the Cuir running with /x.ini (pid " + ProcessHandle.current().pid() + ") last wrote its"
                + " status 16 s ago, though it writes every 5.0 s: stopped or stuck"), said);
    }

    @Test
    void aFileOfAnEndedProcessOrAnotherConfigurationIsNoCuirRunning() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path file = StatusFile.of(dir, "/x.ini");
        StatusFile.write(file, contents(ended.pid(), "/x.ini", T0));
        assertEquals(3, query(file, "/x.ini", T0));
        StatusFile.write(file, new StatusFile.Contents(new StatusFile.Header(ProcessHandle.current().pid(),
                Optional.of(T0), "/x.ini", T0, Duration.ofSeconds(5)), PROBES));
        assertEquals(3, query(file, "/x.ini", T0), "the same pid, started at another time: another process");
        assertEquals(3, query(file, "/y.ini", T0));
        Files.writeString(file, "moustash-cuir-status 1\npid\t1\n");
        assertEquals(3, query(file, "/x.ini", T0));
        assertEquals(List.of(
                "cuir: no Cuir is running with /x.ini: the one that wrote " + file + " (pid " + ended.pid() + ") has ended",
                "cuir: no Cuir is running with /x.ini: the one that wrote " + file + " (pid " + ProcessHandle.current().pid()
                        + ") has ended",
                "cuir: no Cuir is running with /y.ini (" + file + " is the status of /x.ini)",
                "cuir: no Cuir is running with /x.ini: its status file " + file + " is incomplete"), said);
        assertEquals("", out.toString());
    }
}
