package io.moustash.cuir.check.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.IniDocument;
import io.moustash.cuir.check.LogDetails;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log probes through the engine, as Cuir runs them: counts judged against min and max, rounds kept per probe. */
class LogProberTest {
    private final ProbeEngine engine = new ProbeEngine(0, Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        engine.close();
    }

    private List<ProbeSpec> specs(String sections) {
        return CuirConfigReader.read(IniDocument.parse("[cuir]\ninterval = 1\n" + sections, "moustash.ini"),
                new ArrayList<String>()::add).probes();
    }

    private ProbeSpec spec(String options) {
        return specs("[cuir:app]\n" + options).get(0);
    }

    private ProbeResult probe(ProbeSpec spec) throws Exception {
        return engine.probe(spec).get(10, TimeUnit.SECONDS);
    }

    private Path log(String initial) throws IOException {
        Path log = dir.resolve("app.log");
        Files.writeString(log, initial);
        return log;
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }

    @Test
    void theFirstRoundIsUpAndSaysCountingStartsAtTheEnd() throws Exception {
        Path log = log("ERROR before Cuir\n");
        ProbeResult r = probe(spec("file = " + log + "\nmatch = ERROR\nmax = 0\n"));
        assertEquals(Status.UP, r.status());
        assertEquals("first round: 0 new lines, counting starts at the end of " + log, r.detail());
        assertEquals(0, ((LogDetails) r.details()).count().matches());
        assertEquals(log.toString(), r.details().target());
    }

    @Test
    void moreThanMaxIsDownWithTheLastLines() throws Exception {
        Path log = log("");
        ProbeSpec spec = spec("file = " + log + "\nmatch = ERROR|FATAL\nmax = 1\n");
        probe(spec);
        append(log, "ERROR one\nINFO fine\nFATAL two\n");
        ProbeResult r = probe(spec);
        assertEquals(Status.DOWN, r.status());
        assertEquals(Reason.TOO_MANY_MATCHES, r.reason());
        assertTrue(r.detail().matches("2 lines matching /ERROR\\|FATAL/ in [0-9.]+ s, more than max 1"), r.detail());
        assertEquals(List.of("ERROR one", "FATAL two"), ((LogDetails) r.details()).count().lines());
        append(log, "ERROR three\n");
        ProbeResult next = probe(spec);
        assertEquals(Status.UP, next.status(), "one is not more than max 1");
        assertTrue(next.detail().startsWith("1 line matching /ERROR|FATAL/ in "), next.detail());
    }

    @Test
    void fewerThanMinIsSilence() throws Exception {
        Path log = log("");
        ProbeSpec spec = spec("file = " + log + "\nmatch = heartbeat\nmin = 1\n");
        probe(spec);
        ProbeResult silent = probe(spec);
        assertEquals(Status.DOWN, silent.status());
        assertEquals(Reason.TOO_FEW_MATCHES, silent.reason());
        assertTrue(silent.detail().matches("no line matching /heartbeat/ in [0-9.]+ s"), silent.detail());
        append(log, "heartbeat\n");
        assertEquals(Status.UP, probe(spec).status());
        ProbeSpec two = spec("file = " + log + "\nmatch = heartbeat\nmin = 2\ninterval = 2\n");
        append(log, "heartbeat\n");
        ProbeResult one = probe(two);
        assertEquals(Status.DOWN, one.status(), "same name and file: the place is kept across a changed min");
        assertTrue(one.detail().matches("1 line matching /heartbeat/ in [0-9.]+ s, fewer than min 2"), one.detail());
    }

    @Test
    void aReloadThatDropsTheProbeLetsGoOfItsPlace() throws Exception {
        Path log = log("");
        ProbeSpec spec = spec("file = " + log + "\nmatch = x\n");
        probe(spec);
        append(log, "x\n");
        engine.retain(specs("[cuir:other]\nfile = " + log + "\nmatch = x\n"));
        ProbeResult again = probe(spec);
        assertTrue(again.detail().startsWith("first round"), "a new start at the end: " + again.detail());
    }

    @Test
    void aFileThatBecameADirectoryIsUnknown() throws Exception {
        Path log = dir.resolve("later");
        ProbeSpec spec = spec("file = " + log + "\nmatch = x\n");
        Files.createDirectory(log);
        ProbeResult r = probe(spec);
        assertEquals(Status.UNKNOWN, r.status());
        assertEquals(Reason.LOCAL_ERROR, r.reason());
        assertEquals("cannot read " + log + ": is a directory", r.detail());
        assertNull(((LogDetails) r.details()).count());
    }

    @Test
    void aSkippedBurstAndTheFilesChangesAreSaidInTheDetail() {
        ProbeSpec spec = spec("file = /var/log/app.log\nmatch = ERROR\nmax = 10\n");
        LogCount burst = new LogCount(false, 4096, List.of(), LogFollower.MAX_READ, 8L << 20, 60_000_000_000L,
                List.of("rotated"));
        ProbeResult r = LogProber.judge(spec, (io.moustash.cuir.check.LogCheck) spec.check(), burst,
                java.time.Instant.EPOCH, 1000);
        assertEquals(Status.DOWN, r.status());
        assertEquals("4096 lines matching /ERROR/ in 60 s, more than max 10 (file rotated; 8.0 MiB skipped, only the "
                + "last 4.0 MiB read)", r.detail());
    }

    @Test
    void theRoundWindowIsSaidAsAPersonWould() {
        assertEquals("0.2 s", LogProber.window(200_000_000L));
        assertEquals("60 s", LogProber.window(60_004_000_000L));
        assertEquals("5 min", LogProber.window(300_020_000_000L));
    }
}
