package io.moustash.cuir.check.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the summary ends and the performance data begin, on one line or in long output. */
class PluginOutputTest {

    @Test
    void theFirstLineBeforeTheBarIsTheSummary() {
        PluginOutput o = PluginOutput.parse("LOAD OK - total load average: 2.13, 1.86, 1.41|load1=2.130;5.000;10.000;0; "
                + "load5=1.860;4.000;8.000;0; load15=1.410;3.000;6.000;0; \n");
        assertEquals("LOAD OK - total load average: 2.13, 1.86, 1.41", o.summary());
        assertEquals(new BigDecimal("1.410"), o.perfdata().metrics().get("load15"));
    }

    @Test
    void aSummaryWithoutPerfdataIsKeptWhole() {
        PluginOutput o = PluginOutput.parse("DISK CRITICAL - /nonexistent is not accessible: No such file or directory\n");
        assertEquals("DISK CRITICAL - /nonexistent is not accessible: No such file or directory", o.summary());
        assertTrue(o.perfdata().isEmpty());
    }

    @Test
    void longOutputAddsThePerfdataAfterItsFirstBar() {
        // the guidelines' layout: the perfdata after the later lines' first | may run over several lines
        PluginOutput o = PluginOutput.parse("""
                OK - 3 interfaces up | eth0=10c;;;0;
                eth0 up, 10 Mb/s
                eth1 up, 100 Mb/s | eth1=20c;;;0;
                eth2=30c;;;0;
                """);
        assertEquals("OK - 3 interfaces up", o.summary());
        assertEquals(Map.of("eth0", new BigDecimal("10"), "eth1", new BigDecimal("20"), "eth2", new BigDecimal("30")),
                o.perfdata().metrics());
    }

    @Test
    void longOutputWithoutABarHasNoPerfdata() {
        PluginOutput o = PluginOutput.parse("WARNING: 2 of 3\r\nfirst=ok but no bar\r\n");
        assertEquals("WARNING: 2 of 3", o.summary());
        assertTrue(o.perfdata().isEmpty());
    }

    @Test
    void onlyPerfdataLeavesAnEmptySummary() {
        PluginOutput o = PluginOutput.parse("|users=0;5;10;0");
        assertEquals("", o.summary());
        assertEquals(BigDecimal.ZERO, o.perfdata().metrics().get("users"));
        assertEquals("", PluginOutput.parse("").summary());
    }
}
