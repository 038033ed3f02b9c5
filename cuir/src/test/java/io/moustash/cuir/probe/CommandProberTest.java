package io.moustash.cuir.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command probes run real programs through /bin/sh and read their exit status as Nagios does. */
class CommandProberTest {
    private final ProbeEngine engine = new ProbeEngine(0, Duration.ofSeconds(5));

    @AfterEach
    void close() {
        engine.close();
    }

    private ProbeResult run(String command, Duration timeout) throws Exception {
        return engine.probe(Specs.command(command, timeout)).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @CsvSource({
        "0, UP, DISK OK - free space: / 3326 MB (56%)",
        "1, WARNING, DISK WARNING - free space: / 900 MB (9%)",
        "2, DOWN, DISK CRITICAL - free space: / 100 MB (1%)",
        "3, UNKNOWN, DISK UNKNOWN - cannot stat /",
    })
    void eachExitStatusMapsToItsStatusWithTheFirstLine(int exit, Status status, String line) throws Exception {
        ProbeResult r = run("/bin/sh -c 'echo \"" + line + "\"; echo \"second line | perfdata\"; exit " + exit + "'",
                Duration.ofSeconds(5));
        assertEquals(status, r.status());
        assertEquals(line, r.detail());
        assertEquals(exit, Specs.command(r).exitCode());
        assertEquals(exit == 0 ? null : Reason.PLUGIN_STATUS, r.reason());
    }

    @Test
    void anExitStatusBeyondThreeIsUnknown() throws Exception {
        ProbeResult r = run("/bin/sh -c 'echo broken; exit 7'", Duration.ofSeconds(5));
        assertEquals(Status.UNKNOWN, r.status());
        assertEquals("exit status 7: broken", r.detail());
    }

    @Test
    void aPluginStillRunningAtItsTimeoutIsKilledAndDown() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = run("/bin/sh -c 'sleep 30'", Duration.ofMillis(300));
        assertEquals(Status.DOWN, r.status());
        assertEquals(Reason.TIMEOUT, r.reason());
        assertEquals("no answer within 0.3 s", r.detail());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aMissingProgramIsUnknown() throws Exception {
        ProbeResult r = run("/nonexistent/check_thing -w 1", Duration.ofSeconds(1));
        assertEquals(Status.UNKNOWN, r.status());
        assertEquals(Reason.PLUGIN_STATUS, r.reason());
        assertTrue(r.detail().startsWith("cannot run /nonexistent/check_thing: "), r.detail());
        assertNull(Specs.command(r).exitCode());
    }
}
