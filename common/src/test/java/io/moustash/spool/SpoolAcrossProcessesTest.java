package io.moustash.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File locks between real processes: a live writer's file is never taken; a killed one's is. */
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
}
