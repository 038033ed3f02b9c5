package io.moustash.cuir.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.config.IniDocument;
import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.CommandDetails;
import io.moustash.cuir.check.LogCheck;
import io.moustash.cuir.check.command.PluginOutput;
import io.moustash.cuir.check.log.LogCount;
import io.moustash.cuir.check.log.LogProber;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Observation;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.testing.DocExamples;
import io.moustash.testing.LogstashDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plugin's metrics and a log probe's count in both shapes; their examples in docs/events.md are rendered here. */
class PluginAndLogEventsTest {
    private static final Instant AT = Instant.parse("2024-06-03T08:15:42.123Z");

    private static ProbeSpec spec(String section) {
        return CuirConfigReader.read(IniDocument.parse(section, "moustash.ini"), new ArrayList<String>()::add).probes().get(0);
    }

    private static String render(ProbeResult r, Status previous, boolean notification, EventFormat format) {
        Observation o = new Observation(r, r.status().isFailure() ? 1 : 0, Optional.of(previous), Optional.of(r.status()), true,
                Optional.empty(), Optional.empty());
        byte[] json = EventEncoder.of(new EventSettings(format, "web1", List.of())).encode(ProbeEvents.of(o, notification));
        JsonNode node = LogstashDocuments.assertValid(new String(json, StandardCharsets.UTF_8),
                format == EventFormat.ECS ? "ecs" : "legacy");
        return LogstashDocuments.pretty(node);
    }

    @Test
    void aPluginsPerformanceDataAreNumbersInBothShapes() {
        ProbeSpec disk = spec("[cuir:disk]\ncommand = /usr/lib/nagios/plugins/check_disk -w 10% -c 5% -p / -p /boot\n"
                + "interval = 60\n");
        // check_disk of monitoring-plugins 2.3.3, as Debian 12 ships it
        PluginOutput output = PluginOutput.parse("DISK OK - free space: / 81097MiB (78% inode=97%); /boot 380MiB (81% "
                + "inode=99%);| /=23906484224B;243497277849;257024904396;0;270552530944 "
                + "/boot=93323264B;443520614;468160648;0;492800683\n");
        ProbeResult r = new ProbeResult(disk, AT, Status.UP, null, output.summary(), 14_200_000,
                new CommandDetails((CommandCheck) disk.check(), 0, output.perfdata()));
        String ecs = render(r, Status.UP, false, EventFormat.ECS);
        String legacy = render(r, Status.UP, false, EventFormat.LEGACY);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("disk is up: DISK OK - free space: / 81097MiB (78% inode=97%); /boot 380MiB (81% inode=99%);",
                e.path("message").textValue(), "the whole first line before |, in the sentence");
        JsonNode metrics = e.path("moustash").path("cuir").path("metrics");
        assertTrue(metrics.path("_").isIntegralNumber(), metrics.toString());
        assertEquals(23906484224L, metrics.path("_").longValue());
        assertEquals(93323264L, metrics.path("_boot").longValue());
        JsonNode perfdata = e.path("moustash").path("cuir").path("perfdata");
        assertEquals("/boot", perfdata.path("_boot").path("label").textValue());
        assertEquals("B", perfdata.path("_boot").path("uom").textValue());
        assertEquals(492800683L, perfdata.path("_boot").path("max").longValue());
        JsonNode l = LogstashDocuments.parse(legacy);
        assertEquals(metrics, l.path("metrics"), "the same numbers in the legacy shape");
        assertEquals(perfdata, l.path("perfdata"));
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-perfdata", ecs);
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-perfdata", legacy);
    }

    @Test
    void aLogProbesCountAndLastLinesInBothShapes() {
        ProbeSpec errors = spec("[cuir:app-errors]\nfile = /var/log/shop/app.log\nmatch = ERROR|FATAL\nmax = 2\n"
                + "interval = 60\ntags = shop\n");
        LogCount count = new LogCount(false, 3, List.of("2024-06-03 08:15:02 ERROR payment gateway timed out",
                "2024-06-03 08:15:17 ERROR payment gateway timed out", "2024-06-03 08:15:40 FATAL order queue full"),
                18_240, 0, 60_002_000_000L, List.of());
        ProbeResult r = LogProber.judge(errors, (LogCheck) errors.check(), count, AT, 212_000);
        assertEquals(Status.DOWN, r.status());
        String ecs = render(r, Status.UP, true, EventFormat.ECS);
        String legacy = render(r, Status.UP, true, EventFormat.LEGACY);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("app-errors is down: 3 lines matching /ERROR|FATAL/ in 60 s, more than max 2",
                e.path("message").textValue());
        assertEquals("app-errors down: too_many_matches: 3 lines matching /ERROR|FATAL/ in 60 s, more than max 2",
                LogstashDocuments.parse(legacy).path("message").textValue(), "the legacy shape keeps the original's message");
        assertEquals(3, e.path("moustash").path("cuir").path("metrics").path("matches").intValue());
        assertEquals("/var/log/shop/app.log", e.path("file").path("path").textValue());
        assertEquals(3, e.path("moustash").path("cuir").path("log").path("lines").size());
        JsonNode l = LogstashDocuments.parse(legacy);
        assertEquals(3, l.path("metrics").path("matches").intValue());
        assertEquals("2024-06-03 08:15:40 FATAL order queue full", l.path("lines").get(2).textValue());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-log", ecs);
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-log", legacy);
    }
}
