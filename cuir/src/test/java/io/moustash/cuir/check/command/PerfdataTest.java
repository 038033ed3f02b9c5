package io.moustash.cuir.check.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Performance data as real plugins write it, and as broken ones do. */
class PerfdataTest {

    private static Map<String, String> metrics(String perfdata) {
        Map<String, String> out = new LinkedHashMap<>();
        Perfdata.parse(perfdata).metrics().forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private static PerfValue only(String perfdata) {
        Perfdata p = Perfdata.parse(perfdata);
        assertEquals(1, p.values().size(), p.toString());
        return p.values().get(0);
    }

    @Test
    void checkLoadGivesThreeLoadsWithThresholdsAndMinimum() {
        // monitoring-plugins 2.3.3 (Debian 12): check_load -w 5,4,3 -c 10,8,6
        Perfdata p = Perfdata.parse("load1=2.130;5.000;10.000;0; load5=1.860;4.000;8.000;0; load15=1.410;3.000;6.000;0; ");
        assertEquals(Map.of("load1", "2.130", "load5", "1.860", "load15", "1.410"),
                metrics("load1=2.130;5.000;10.000;0; load5=1.860;4.000;8.000;0; load15=1.410;3.000;6.000;0; "));
        PerfValue load1 = p.values().get(0);
        assertEquals(new BigDecimal("5.000"), load1.warn());
        assertEquals(new BigDecimal("10.000"), load1.crit());
        assertEquals(BigDecimal.ZERO, load1.min());
        assertNull(load1.max());
        assertEquals("", load1.uom());
        assertEquals(Map.of("warn", new BigDecimal("5.000"), "crit", new BigDecimal("10.000"), "min", BigDecimal.ZERO),
                load1.attributes());
    }

    @Test
    void checkDiskNamesTheRootFilesystemUnderscoreAndKeepsBytes() {
        // check_disk -w 10% -c 5% -p /
        PerfValue root = only(" /=23906484224B;243497277849;257024904396;0;270552530944");
        assertEquals("/", root.label());
        assertEquals("_", root.name());
        assertEquals(new BigDecimal("23906484224"), root.value());
        assertEquals("B", root.uom());
        assertEquals(new BigDecimal("270552530944"), root.max());
        assertEquals("/", root.attributes().get("label"), "the original label travels when the name differs");
        // the older check_disk, two file systems in MB
        assertEquals(Map.of("_", "2643", "_boot", "68"), metrics("/=2643MB;5948;5958;0;5968 /boot=68MB;88;93;0;98"));
    }

    @Test
    void checkProcsWithEmptyThresholds() {
        // check_procs -w 500 -c 1000, then -m RSS
        PerfValue procs = only("procs=109;500;1000;0;");
        assertEquals(new BigDecimal("109"), procs.value());
        assertEquals(Map.of("procs", "109", "procs_warn", "0", "procs_crit", "50"),
                metrics("procs=109;;;0; procs_warn=0;;;0; procs_crit=50;;;0;"));
        PerfValue bare = Perfdata.parse("procs=109;;;0; procs_warn=0;;;0;").values().get(1);
        assertNull(bare.warn());
        assertNull(bare.crit());
        assertEquals(Map.of("min", BigDecimal.ZERO), bare.attributes());
    }

    @Test
    void checkHttpTimesInSecondsAndSizeInBytes() {
        Perfdata p = Perfdata.parse("time=0.005748s;;;0.000000;10.000000 size=2658B;;;0;");
        assertEquals(Map.of("time", "0.005748", "size", "2658"), metrics("time=0.005748s;;;0.000000;10.000000 size=2658B;;;0;"));
        assertEquals("s", p.values().get(0).uom());
        assertEquals(new BigDecimal("10.000000"), p.values().get(0).max());
        assertEquals("B", p.values().get(1).uom());
    }

    @Test
    void quotedLabelsMayHoldSpacesEqualsAndQuotes() {
        // NSClient++'s drives, check_nt style
        Perfdata p = Perfdata.parse("'C:\\ Used Space'=17.54Gb;31.99;35.99;0.00;39.99 'C:\\ %'=44%;80;90;0;100");
        assertEquals("C:\\ Used Space", p.values().get(0).label());
        assertEquals("C_Used_Space", p.values().get(0).name());
        assertEquals("Gb", p.values().get(0).uom());
        assertEquals("C_", p.values().get(1).name());
        assertEquals("%", p.values().get(1).uom());
        PerfValue quote = only("'it''s a=b'=3c");
        assertEquals("it's a=b", quote.label());
        assertEquals("it_s_a_b", quote.name());
        assertEquals("c", quote.uom());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load1|load1",
        "time.total|time_total",
        "/var/log|_var_log",
        "a  b|a_b",
        "Température_cœur|Température_cœur",
        "x-y_z|x-y_z",
        "ifInOctets.1|ifInOctets_1",
    })
    void labelsBecomeSafeFieldNames(String label, String name) {
        assertEquals(name, MetricNames.safe(label));
    }

    @Test
    void labelsThatMeetOnOneNameAreToldApart() {
        assertEquals(Map.of("_", "1", "__2", "2", "a_b", "3", "a_b_2", "4"), metrics("/=1 /=2 a.b=3 'a b'=4"));
    }

    @Test
    void rangesStayAsTextBesidePlainThresholds() {
        PerfValue temp = only("temp=45;@10:20;~:50;;");
        assertNull(temp.warn());
        assertEquals("@10:20", temp.warnRange());
        assertEquals("~:50", temp.critRange());
        assertEquals(Map.of("warn_range", "@10:20", "crit_range", "~:50"), temp.attributes());
        assertEquals("10:", only("free=5;10:;5:").warnRange());
    }

    @Test
    void anUndeterminedValueHasNoMetricButKeepsItsBounds() {
        Perfdata p = Perfdata.parse("rta=U;100;200;0; pl=100%;20;60;0;100");
        assertEquals(Map.of("pl", "100"), metrics("rta=U;100;200;0; pl=100%;20;60;0;100"));
        assertEquals(new BigDecimal("100"), p.attributes().get("rta").get("warn"));
    }

    @Test
    void numbersInEveryWrittenForm() {
        assertEquals(Map.of("a", "-1.5", "b", "0.5", "c", "1.5E+3", "d", "5", "e", "7"),
                metrics("a=-1.5 b=.5 c=1.5e3 d=5. e=+7"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "load1 = 2.1",          // spaces around =
        "load1=abc",            // no number
        "load1=2,1",            // a decimal comma
        "=5",                   // no label
        "x=1;2;3;4;5;6",        // a sixth field
        "x=12 MB",              // a space before the unit: x=12 is read, "MB" is no item
        "'quoted'5",            // no = after the quote
        "x=5KB/sec/extra/long", // a unit longer than 16 characters
        "just text, no items",
    })
    void malformedItemsAreLeftOutAndTheRestKept(String broken) {
        Map<String, String> m = metrics(broken + " ok=1");
        assertEquals("1", m.get("ok"), broken + " does not stop the next item: " + m);
        m.remove("ok");
        assertEquals(broken.equals("x=12 MB") ? Map.of("x", "12") : Map.of(), m, broken);
    }

    @Test
    void anUnclosedQuoteEndsTheItemsBeforeIt() {
        assertEquals(Map.of("a", "1"), metrics("a=1 'unclosed=1 b=2"));
    }

    @Test
    void anEmptyOrBlankTextHasNoItems() {
        assertTrue(Perfdata.parse("").isEmpty());
        assertTrue(Perfdata.parse("   ").isEmpty());
    }

    @Test
    void atMostAHundredItems() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            many.append("if").append(i).append("=").append(i).append("c ");
        }
        Perfdata p = Perfdata.parse(many.toString());
        assertEquals(Perfdata.MAX_ITEMS, p.values().size());
        assertEquals("if99", p.values().get(99).name());
    }
}
