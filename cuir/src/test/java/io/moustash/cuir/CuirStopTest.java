package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashList;
import io.moustash.testing.ToolJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The daemon in its own JVM, stopped as supervisord stops it: SIGTERM. */
class CuirStopTest {
    private static final String KEY = "cuir:stop";
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    private final LoopbackTargets targets = new LoopbackTargets();
    @TempDir
    Path dir;

    @AfterEach
    void closeTargets() {
        targets.close();
    }

    @Test
    void sigtermDeliversTheEventsStillHeldAndExitsZero() throws Exception {
        Path ini = Files.writeString(dir.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + redis.port() + "\nredis_namespace = " + KEY + "\nevent_format = legacy\n[cuir]\ninterval = 0.1\n"
                + "report = all\nweb: 127.0.0.1:" + targets.listening() + ":web\n");
        Instant stalled;
        try (ToolJvm cuir = ToolJvm.start(dir, Cuir.class, "-c", ini.toString())) {
            redis.reader().await(KEY, 1, Duration.ofSeconds(30));
            // The broker stalls, so the events of the last probes are still in the publisher's queue at SIGTERM.
            stalled = Instant.now();
            redis.reader().commands().clientPause(1500);
            Thread.sleep(700);
            cuir.sigterm();
            assertEquals(0, cuir.exitStatus(Duration.ofSeconds(20)),
                    "a clean stop for supervisord, not 143:\n" + cuir.stderr());
        }
        List<Instant> afterStall = redis.reader().drain(KEY).stream()
                .map(json -> Instant.parse(LogstashDocuments.assertValid(json, "legacy").path("@timestamp").textValue()))
                .filter(at -> at.isAfter(stalled)).toList();
        assertTrue(afterStall.size() >= 3, "the events probed during the stall were delivered on the way out: "
                + afterStall);
    }
}
