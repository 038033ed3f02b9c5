package io.moustash.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own failures: one line on stderr, a non-zero status, nothing started. */
class DemoTest {
    @TempDir
    Path root;

    @Test
    void withoutTheToolsBuiltItSaysHowToBuildThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Demo.run(new String[] {root.toString()}, print(out), print(err));
        assertEquals(1, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("demo failed: " + root.resolve("cuir/target/cuir.jar")
                + " is missing: build the tools first (mvn -q -Pdemo package in " + root + ")\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutARootItPrintsItsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(64, Demo.run(new String[0], print(new ByteArrayOutputStream()), print(err)));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void whatFouetIsFedIsCountedAsTheTableShowsIt() {
        List<RecordedEvent> recording = SupervisordRecording.bundled();
        assertEquals(8, recording.size());
        assertEquals("fed 8 recorded supervisord events over stdin/stdout: worker starts, writes a traceback on stderr,"
                + " crashes, backs off, goes FATAL; 7 become events, the stderr chunk rides along with the crash",
                Demo.fouetFed(recording));
    }

    @Test
    void theTableHeadingSaysWhereTheEventsComeFromNotHowTheyAreRead() {
        String heading = Demo.takenOff(15);
        assertEquals("15 events taken off the Redis list " + DemoConfig.LIST_KEY + " as logstash's redis input takes them:",
                heading);
        assertFalse(heading.contains("EVALSHA") || heading.contains("LRANGE"), heading);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
