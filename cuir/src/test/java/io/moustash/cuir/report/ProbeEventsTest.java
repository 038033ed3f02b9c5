package io.moustash.cuir.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.CommandDetails;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.check.command.CommandWords;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Observation;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventSettings;
import io.moustash.testing.DocExamples;
import io.moustash.testing.LogstashDocuments;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events' fields in both shapes; the examples in docs/events.md are rendered here. */
class ProbeEventsTest {
    private static final Instant AT = Instant.parse("2024-06-03T08:15:42.123Z");
    private static final ProbeSpec SSH = ProbeSpec.connect("SSH", new Target("127.0.0.1", 22), "ssh server for HULK",
            Duration.ofSeconds(3), Duration.ofSeconds(5));

    private static String render(Event event, EventFormat format) throws Exception {
        byte[] json = EventEncoder.of(new EventSettings(format, "web1", List.of())).encode(event);
        JsonNode node = LogstashDocuments.assertValid(new String(json, StandardCharsets.UTF_8),
                format == EventFormat.ECS ? "ecs" : "legacy");
        return LogstashDocuments.pretty(node);
    }

    private static Observation refused() throws Exception {
        ProbeResult r = new ProbeResult(SSH, AT, Status.DOWN, Reason.REFUSED, null, 184_000,
                new TcpDetails((TcpCheck) SSH.check(), InetAddress.getByName("127.0.0.1"), -1, null));
        return new Observation(r, 1, Status.UP, Status.DOWN, true);
    }

    @Test
    void aFailureInBothShapes() throws Exception {
        Event event = ProbeEvents.of(refused(), true);
        String ecs = render(event, EventFormat.ECS);
        String legacy = render(event, EventFormat.LEGACY);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("ssh server for HULK", e.path("message").textValue());
        assertEquals("[\"cuir\",\"SSH\",\"notification\"]", e.path("tags").toString());
        assertEquals("127.0.0.1", e.path("destination").path("ip").textValue());
        assertEquals(22, e.path("destination").path("port").intValue());
        assertEquals("failure", e.path("event").path("outcome").textValue());
        assertEquals("refused", e.path("moustash").path("cuir").path("reason").textValue());
        JsonNode l = LogstashDocuments.parse(legacy);
        assertEquals("SSH", l.path("program").textValue(), "the original's program: the probe's name");
        assertEquals("127.0.0.1:22", l.path("source").textValue(), "the original's source: ip:port");
        assertEquals("web1", l.path("host").textValue());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-down", ecs);
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-down", legacy);
    }

    @Test
    void aRecoveryCarriesTheNotificationAndThePreviousState() throws Exception {
        ProbeResult r = new ProbeResult(SSH, AT, Status.UP, null, null, 231_000,
                new TcpDetails((TcpCheck) SSH.check(), InetAddress.getByName("127.0.0.1"), 87, null));
        String ecs = render(ProbeEvents.of(new Observation(r, 0, Status.DOWN, Status.UP, true), true), EventFormat.ECS);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("recovered", e.path("event").path("action").textValue());
        assertEquals("down", e.path("moustash").path("cuir").path("previous_state").textValue());
        assertEquals(87, e.path("moustash").path("cuir").path("connect_time_us").intValue());
        assertTrue(e.path("moustash").path("cuir").path("reason").isMissingNode());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-recovered", ecs);
    }

    @Test
    void aPluginWarningOutsideItsActiveWindowIsNotANotification() throws Exception {
        CommandCheck check = new CommandCheck(CommandWords.split("/usr/lib/nagios/plugins/check_disk -w 10% /"));
        ProbeSpec disk = new ProbeSpec("disk", check, "", Duration.ofSeconds(3), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 1, ActiveWindows.parse("12345;08:00-18:00"), List.of("storage"),
                io.moustash.event.UserFields.parse("team=ops, tier=1"));
        ProbeResult r = new ProbeResult(disk, AT, Status.WARNING, Reason.PLUGIN_STATUS,
                "DISK WARNING - free space: / 900 MB (9% inode=80%);", 23_400_000, new CommandDetails(check, 1));
        Observation o = new Observation(r, 1, Status.UP, Status.WARNING, false);
        ReportPolicy policy = new ReportPolicy(io.moustash.cuir.config.ReportMode.FAILURES);
        assertTrue(policy.publishes(o));
        assertFalse(policy.notifies(o));
        String ecs = render(ProbeEvents.of(o, policy.notifies(o)), EventFormat.ECS);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("DISK WARNING - free space: / 900 MB (9% inode=80%);", e.path("message").textValue(),
                "a plugin's first line is the message");
        assertEquals("[\"cuir\",\"disk\",\"storage\"]", e.path("tags").toString());
        assertEquals(1, e.path("process").path("exit_code").intValue());
        assertEquals("ops", e.path("team").textValue());
        assertEquals(1, e.path("tier").intValue(), "typed as [moustash] fields and -f are");
        assertFalse(e.path("moustash").path("cuir").path("active").booleanValue());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-plugin", ecs);
    }
}
