package io.moustash.fouet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.fouet.protocol.Frames;
import io.moustash.testing.LogstashList;
import io.moustash.testing.ToolJvm;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Fouet in its own JVM, stopped the two ways supervisord stops a listener: SIGTERM, and closing its pipes. */
class FouetStopTest {
    private static final String KEY = "fouet:stop";
    private static final byte[] READY = "READY\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_READY = "RESULT 2\nOKREADY\n".getBytes(StandardCharsets.US_ASCII);
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    @TempDir
    Path dir;

    private ToolJvm fouet() throws Exception {
        Path ini = Files.writeString(dir.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + redis.port() + "\nredis_namespace = " + KEY + "\n");
        return ToolJvm.start(dir, Fouet.class, "-c", ini.toString());
    }

    private static void send(ToolJvm fouet, String eventName) throws Exception {
        OutputStream in = fouet.stdin();
        in.write(Frames.start().event(eventName, Frames.state("web", "web", "STARTING", "pid:77")).bytes());
        in.flush();
    }

    @Test
    void sigtermIsACleanStop() throws Exception {
        try (ToolJvm fouet = fouet()) {
            assertArrayEquals(READY, fouet.stdout().readNBytes(READY.length));
            send(fouet, "PROCESS_STATE_RUNNING");
            assertArrayEquals(OK_READY, fouet.stdout().readNBytes(OK_READY.length));
            fouet.sigterm();
            assertEquals(0, fouet.exitStatus(Duration.ofSeconds(20)),
                    "supervisord logs a clean stop, not exit status 143:\n" + fouet.stderr());
        }
        assertEquals(1, redis.reader().drain(KEY).size());
    }

    @Test
    void supervisordClosingStdoutIsACleanEndInOneLine() throws Exception {
        try (ToolJvm fouet = fouet()) {
            assertArrayEquals(READY, fouet.stdout().readNBytes(READY.length));
            String before = fouet.stderr();
            fouet.stdout().close();
            send(fouet, "PROCESS_STATE_RUNNING");
            assertEquals(0, fouet.exitStatus(Duration.ofSeconds(20)), "not exit 70 (Broken pipe):\n" + fouet.stderr());
            // The start-up line is written before READY but may be read from the pipe only now.
            List<String> said = fouet.stderr().substring(before.length()).lines()
                    .filter(l -> !l.contains("listening to supervisord")).toList();
            assertTrue(said.size() <= 1, "at most one line: " + said);
            assertTrue(said.stream().allMatch(l -> l.contains("supervisord no longer reads fouet's answers")), said.toString());
        }
        assertEquals(1, redis.reader().drain(KEY).size(), "the event read before the pipe broke is published");
    }
}
