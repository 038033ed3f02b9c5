package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File locks between real processes: a live writer's file is never taken; a killed one's is. And a
 * process whose writes fail as on a full disk.
 */
class SpoolAcrossProcessesTest {
    @TempDir
    Path dir;

    @Test
    void aKilledProcessesFileIsTakenOverAndALiveOnesIsNot() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpoolHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Spool spool = Spool.open(dir, SpoolTest.DESTINATION, 1L << 30, line -> { })) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", out.readLine());
            assertEquals(0, spool.claimOrphans(), "the child is alive and holds its file");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            child.waitFor(10, TimeUnit.SECONDS);
            assertEquals(1, spool.claimOrphans(), "the lock died with the child");
            assertEquals(SpoolTest.expected(0, 3), SpoolTest.drain(spool));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aWriteRefusedByAFullDiskLeavesNoFileAndIsSaidOncePerOutage() throws Exception {
        // ulimit -f makes writes past a few KiB fail (EFBIG) as ENOSPC would, for the child only.
        Process child = new ProcessBuilder("sh", "-c", "ulimit -f 16 && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), SpoolFiller.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        List<String> out;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            out = reader.lines().toList();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), String.join("\n", out));
        assertEquals("refused 5", out.get(0), String.join("\n", out));
        assertEquals("files 0", out.get(1), "no empty file left per refused write: " + out);
        assertEquals("then [{\"n\":0}]", out.get(2), "once there is room the spool works: " + out);
        List<String> said = out.stream().filter(line -> line.startsWith("said ")).toList();
        assertEquals(1, said.size(), "one line per outage: " + out);
        assertTrue(said.get(0).contains("cannot write"), said.get(0));
    }
}
