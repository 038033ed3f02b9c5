package io.moustash.cuir.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
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
    void performanceDataBecomesNumbersAndTheTextBeforeTheBarIsTheDetail() throws Exception {
        ProbeResult r = run("/bin/sh -c 'echo \"LOAD OK - total load average: 0.08, 0.02, 0.01|load1=0.080;1.000;2.000;0; "
                + "load5=0.020;1.000;2.000;0;\"'", Duration.ofSeconds(5));
        assertEquals(Status.UP, r.status());
        assertEquals("LOAD OK - total load average: 0.08, 0.02, 0.01", r.detail());
        assertEquals(Map.of("load1", new BigDecimal("0.080"), "load5", new BigDecimal("0.020")),
                Specs.command(r).perfdata().metrics());
    }

    @Test
    void stderrIsTheDetailWhenStdoutIsEmpty() throws Exception {
        ProbeResult perl = run("/bin/sh -c 'echo \"Can not locate Monitoring/Plugin.pm in @INC\" >&2; exit 3'",
                Duration.ofSeconds(5));
        assertEquals(Status.UNKNOWN, perl.status());
        assertEquals("stderr: Can not locate Monitoring/Plugin.pm in @INC", perl.detail());
        ProbeResult python = run("/bin/sh -c 'printf \"Traceback (most recent call last):\\n  File x\\n"
                + "ModuleNotFoundError: No module named nagiosplugin\\n\" >&2; exit 2'", Duration.ofSeconds(5));
        assertEquals("stderr: Traceback (most recent call last): … ModuleNotFoundError: No module named nagiosplugin",
                python.detail(), "the first line and the last, where a traceback says what went wrong");
        ProbeResult both = run("/bin/sh -c 'echo noise >&2; echo PROCS OK'", Duration.ofSeconds(5));
        assertEquals("PROCS OK", both.detail(), "stderr is only a fallback");
    }

    @Test
    void aPluginWritingMegabytesOnBothStreamsIsNotBlocked() throws Exception {
        // Through pipes this plugin would block on the first 64 KiB until killed at its timeout.
        long start = System.nanoTime();
        ProbeResult r = run("/bin/sh -c 'echo \"OK - chatty|n=1\"; head -c 3000000 /dev/zero >&2; "
                + "head -c 3000000 /dev/zero'", Duration.ofSeconds(8));
        assertEquals(Status.UP, r.status(), r.explanation());
        assertEquals("OK - chatty", r.detail());
        assertEquals(Map.of("n", BigDecimal.ONE), Specs.command(r).perfdata().metrics());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(6).toNanos());
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
