package io.moustash.cuir.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cuir.alert.Alerting;
import io.moustash.cuir.alert.Escalation;
import io.moustash.cuir.check.CommandCheck;
import io.moustash.cuir.check.CommandDetails;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.check.command.CommandWords;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Notice;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.state.TargetState;
import io.moustash.cuir.status.StatusBoard;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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

    private static final Alerting ESCALATE = new Alerting(Escalation.parse("1:ops 3:oncall,dba"), Duration.ofMinutes(30));
    private static final ProbeSpec SSH_ESCALATED = ProbeSpec.connect("SSH", new Target("127.0.0.1", 22),
            "ssh server for HULK", Duration.ofSeconds(3), Duration.ofSeconds(5), ESCALATE);

    private static ProbeResult refusedAt(ProbeSpec spec, Instant at) throws Exception {
        return new ProbeResult(spec, at, Status.DOWN, Reason.REFUSED, null, 184_000,
                new TcpDetails((TcpCheck) spec.check(), InetAddress.getByName("127.0.0.1"), -1, null));
    }

    private static ProbeResult upAt(ProbeSpec spec, Instant at) throws Exception {
        return new ProbeResult(spec, at, Status.UP, null, null, 231_000,
                new TcpDetails((TcpCheck) spec.check(), InetAddress.getByName("127.0.0.1"), 87, null));
    }

    /** SSH seen up, then refused from {@link #AT} on, every 5 s: the observations of its failures, in order. */
    private static List<Observation> failures(ProbeSpec spec, int count) throws Exception {
        TargetState state = new TargetState(spec, ZoneOffset.UTC);
        state.observe(upAt(spec, AT.minusSeconds(5)));
        List<Observation> seen = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(state.observe(refusedAt(spec, AT.plusSeconds(5L * i))));
        }
        return seen;
    }

    private static Event event(Observation o) {
        return ProbeEvents.of(o, o.notice().isPresent());
    }

    @Test
    void aFailureInBothShapes() throws Exception {
        Event event = event(failures(SSH_ESCALATED, 1).get(0));
        String ecs = render(event, EventFormat.ECS);
        String legacy = render(event, EventFormat.LEGACY);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("SSH 127.0.0.1:22 is down: connection refused — ssh server for HULK", e.path("message").textValue());
        assertEquals("[\"cuir\",\"SSH\",\"notify:ops\",\"notification\"]", e.path("tags").toString());
        assertEquals("127.0.0.1", e.path("destination").path("ip").textValue());
        assertEquals(22, e.path("destination").path("port").intValue());
        assertEquals("failure", e.path("event").path("outcome").textValue());
        assertEquals("refused", e.path("moustash").path("cuir").path("reason").textValue());
        assertEquals("up", e.path("moustash").path("cuir").path("previous_state").textValue());
        assertEquals("2024-06-03T08:15:42.123Z", e.path("moustash").path("cuir").path("failing_since").textValue());
        JsonNode l = LogstashDocuments.parse(legacy);
        assertEquals("ssh server for HULK", l.path("message").textValue(), "the original's message: the informations");
        assertEquals("SSH", l.path("program").textValue(), "the original's program: the probe's name");
        assertEquals("127.0.0.1:22", l.path("source").textValue(), "the original's source: ip:port");
        assertEquals("web1", l.path("host").textValue());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-down", ecs);
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-down", legacy);
    }

    @Test
    void theThirdFailureEscalatesToItsStepsNames() throws Exception {
        List<Observation> seen = failures(SSH_ESCALATED, 3);
        assertEquals("[\"cuir\",\"SSH\"]", LogstashDocuments.parse(render(event(seen.get(1)), EventFormat.ECS))
                .path("tags").toString(), "the 2nd failure is no step: a plain failure");
        String ecs = render(event(seen.get(2)), EventFormat.ECS);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("SSH 127.0.0.1:22 is still down after 10 s: connection refused (3rd failure) — ssh server for HULK",
                e.path("message").textValue());
        assertEquals("[\"cuir\",\"SSH\",\"notify:oncall\",\"notify:dba\",\"notification\"]",
                e.path("tags").toString());
        assertEquals("escalated", e.path("event").path("action").textValue());
        assertEquals("alert", e.path("event").path("kind").textValue());
        assertTrue(e.path("moustash").path("cuir").path("previous_state").isMissingNode(), "no change of state");
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-escalated", ecs);
    }

    @Test
    void aReminderGoesToEveryoneToldSoFar() throws Exception {
        // every 5 s for 30 min: the reminder comes with the failure 30 min after the escalation
        List<Observation> seen = failures(SSH_ESCALATED, 3 + 30 * 12);
        Observation reminder = seen.stream().filter(o -> o.notice().filter(n -> n.kind() == Notice.Kind.REMINDER)
                .isPresent()).findFirst().orElseThrow();
        assertEquals(3 + 30 * 12, reminder.consecutiveFailures());
        String legacy = render(event(reminder), EventFormat.LEGACY);
        JsonNode l = LogstashDocuments.parse(legacy);
        assertEquals("ssh server for HULK", l.path("message").textValue());
        assertEquals("[\"cuir\",\"SSH\",\"notify:ops\",\"notify:oncall\",\"notify:dba\",\"reminder\","
                + "\"notification\"]", l.path("tags").toString());
        assertEquals("SSH 127.0.0.1:22 is still down after 30 min: connection refused (363rd failure) — ssh server for HULK",
                event(reminder).message(), "30 min after the escalation, at the 3rd failure");
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-reminder", legacy);
    }

    @Test
    void aFirstFailureIsDownFromTheFirstProbeWithoutAPreviousState() throws Exception {
        TargetState state = new TargetState(SSH, ZoneOffset.UTC);
        Observation first = state.observe(refusedAt(SSH, AT));
        String ecs = render(event(first), EventFormat.ECS);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("SSH 127.0.0.1:22 is down: connection refused (first probe) — ssh server for HULK",
                e.path("message").textValue());
        assertEquals("down", e.path("event").path("action").textValue());
        assertEquals("[\"cuir\",\"SSH\",\"notification\"]", e.path("tags").toString());
        assertTrue(e.path("moustash").path("cuir").path("previous_state").isMissingNode(), ecs);
        assertEquals("cuir: SSH 127.0.0.1:22 down (refused), first probe", ProbeEvents.logLine(first));
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-first", ecs);
    }

    @Test
    void aRecoveryCarriesTheNotificationThePreviousStateAndEveryStepReached() throws Exception {
        TargetState state = new TargetState(SSH_ESCALATED, ZoneOffset.UTC);
        state.observe(upAt(SSH_ESCALATED, AT.minusSeconds(300)));
        for (int i = 0; i < 4; i++) {
            state.observe(refusedAt(SSH_ESCALATED, AT.minusSeconds(250 - 60L * i)));
        }
        Observation back = state.observe(upAt(SSH_ESCALATED, AT));
        String ecs = render(event(back), EventFormat.ECS);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("SSH 127.0.0.1:22 recovered after 4 min — ssh server for HULK", e.path("message").textValue());
        assertEquals("[\"cuir\",\"SSH\",\"notify:ops\",\"notify:oncall\",\"notify:dba\",\"notification\"]",
                e.path("tags").toString());
        assertEquals("recovered", e.path("event").path("action").textValue());
        assertEquals("down", e.path("moustash").path("cuir").path("previous_state").textValue());
        assertEquals(87, e.path("moustash").path("cuir").path("connect_time_us").intValue());
        assertTrue(e.path("moustash").path("cuir").path("reason").isMissingNode());
        assertEquals("cuir: SSH 127.0.0.1:22 down -> up; notify ops, oncall, dba", ProbeEvents.logLine(back));
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-recovered", ecs);
    }

    /** docs/configuration.md's walk through an escalation, row by row, from a real run of the state machine. */
    @Test
    void theEscalationTableOfTheConfigurationDoc() throws Exception {
        ProbeSpec db = ProbeSpec.connect("db", new Target("db.internal", 5432), "primary", Duration.ofSeconds(3),
                Duration.ofSeconds(5), new Alerting(Escalation.parse("1:ops 3:oncall,dba 10:boss"), Duration.ZERO));
        InetAddress address = InetAddress.getByAddress("db.internal", new byte[] {10, 0, 0, 5});
        Instant start = Instant.parse("2024-06-04T02:13:00Z");
        TargetState state = new TargetState(db, ZoneOffset.UTC);
        state.observe(new ProbeResult(db, start.minusSeconds(5), Status.UP, null, null, 200_000, details(db, address, 90)));
        StringBuilder table = new StringBuilder("| failure | time | `event.action` | tags after `cuir` and the probe's name "
                + "| ECS `message` |\n|---|---|---|---|---|\n");
        for (int n = 1; n <= 10; n++) {
            Observation o = state.observe(new ProbeResult(db, start.plusSeconds(5L * (n - 1)), Status.DOWN,
                    Reason.REFUSED, null, 200_000, details(db, address, -1)));
            if (n <= 3 || n == 10) {
                table.append(row(ProbeEvents.ordinal(n), o));
            }
        }
        table.append(row("—", state.observe(new ProbeResult(db, start.plusSeconds(240), Status.UP, null, null, 200_000,
                details(db, address, 90)))));
        DocExamples.checkBlock(DocExamples.docs().resolve("configuration.md"), "cuir-escalation-table", table.toString());
    }

    private static TcpDetails details(ProbeSpec spec, InetAddress address, long connectMicros) {
        return new TcpDetails((TcpCheck) spec.check(), address, connectMicros, null);
    }

    private static String row(String failure, Observation o) {
        Event e = event(o);
        List<String> tags = e.tags().subList(1, e.tags().size());
        return "| " + failure + " | " + o.result().at().toString().substring(11, 19) + " | `" + e.action() + "` | "
                + (tags.isEmpty() ? "(none: no notification)" : "`" + String.join("`, `", tags) + "`") + " | `"
                + e.message() + "` |\n";
    }

    @Test
    void sentencesSayCountsAndDurationsAsPeopleDo() {
        assertEquals(List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"),
                Stream.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111).map(ProbeEvents::ordinal).toList());
        assertEquals(List.of("less than 1 s", "less than 1 s", "1 s", "59 s", "1 min", "59 min", "1 h", "2 h 5 min", "1 day",
                "3 days 4 h"),
                Stream.of(0, 999, 1000, 59_999, 60_000, 3_599_000, 3_600_000, 7_500_000, 86_400_000,
                        (3 * 86_400 + 4 * 3600 + 59) * 1000).map(ms -> ProbeEvents.spoken(Duration.ofMillis(ms))).toList());
    }

    @Test
    void aPluginWarningOutsideItsActiveWindowIsNotANotification() throws Exception {
        CommandCheck check = new CommandCheck(CommandWords.split("/usr/lib/nagios/plugins/check_disk -w 10% /"));
        ProbeSpec disk = new ProbeSpec("disk", check, "", Duration.ofSeconds(3), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 1, ActiveWindows.parse("12345;08:00-18:00"), List.of("storage"),
                io.moustash.event.UserFields.parse("team=ops, tier=1"));
        ProbeResult r = new ProbeResult(disk, AT, Status.WARNING, Reason.PLUGIN_STATUS,
                "DISK WARNING - free space: / 900 MB (9% inode=80%);", 23_400_000, new CommandDetails(check, 1));
        Observation o = new Observation(r, 1, Optional.of(Status.UP), Optional.of(Status.WARNING), false,
                Optional.of(AT), Optional.empty());
        ReportPolicy policy = new ReportPolicy(io.moustash.cuir.config.ReportMode.FAILURES);
        assertTrue(policy.publishes(o));
        assertFalse(policy.notifies(o));
        Event event = ProbeEvents.of(o, policy.notifies(o));
        String ecs = render(event, EventFormat.ECS);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("disk has a warning: DISK WARNING - free space: / 900 MB (9% inode=80%);",
                e.path("message").textValue(), "a command probe's sentence: its name, then the plugin's first line");
        assertEquals("DISK WARNING - free space: / 900 MB (9% inode=80%);",
                LogstashDocuments.parse(render(event, EventFormat.LEGACY)).path("message").textValue(),
                "legacy: the plugin's first line is the message, as before");
        assertEquals("[\"cuir\",\"disk\",\"storage\"]", e.path("tags").toString());
        assertEquals(1, e.path("process").path("exit_code").intValue());
        assertEquals("ops", e.path("team").textValue());
        assertEquals(1, e.path("tier").intValue(), "typed as [moustash] fields and -f are");
        assertFalse(e.path("moustash").path("cuir").path("active").booleanValue());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-plugin", ecs);
    }

    @Test
    void theHeartbeatCountsTheTargetsInEachState() throws Exception {
        ProbeSpec db = io.moustash.cuir.state.TargetStateTest.spec(1, ActiveWindows.always());
        ProbeSpec dbA = named(db, "a");
        ProbeSpec dbB = named(db, "b");
        ProbeSpec dbC = named(db, "c");
        List<ProbeSpec> running = List.of(dbA, dbB, dbC, named(db, "d"));
        StatusBoard board = new StatusBoard();
        TargetState a = new TargetState(dbA, ZoneOffset.UTC);
        TargetState b = new TargetState(dbB, ZoneOffset.UTC);
        TargetState c = new TargetState(dbC, ZoneOffset.UTC);
        board.record(a.observe(upAt(dbA, AT)));
        board.record(b.observe(upAt(dbB, AT)));
        board.record(c.observe(refusedAt(dbC, AT)));
        board.record(b.observe(refusedAt(dbB, AT.plusSeconds(5))));
        board.record(b.observe(refusedAt(dbB, AT.plusSeconds(6))));
        assertEquals(new StatusBoard.Counts(4, 1, 0, 2, 0, 1), board.counts(running));
        Event beat = Heartbeats.of(board.counts(running), Duration.ofSeconds(60), AT);
        String ecs = render(beat, EventFormat.ECS);
        String legacy = render(beat, EventFormat.LEGACY);
        JsonNode e = LogstashDocuments.parse(ecs);
        assertEquals("cuir is running: 4 probes, 1 up, 2 down, 1 pending", e.path("message").textValue());
        assertEquals("metric", e.path("event").path("kind").textValue());
        assertEquals(2, e.path("moustash").path("cuir").path("probes").path("down").intValue());
        assertEquals(60, e.path("moustash").path("cuir").path("heartbeat_interval").intValue());
        assertEquals(2, LogstashDocuments.parse(legacy).path("probes_down").intValue());
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-ecs-heartbeat", ecs);
        DocExamples.check(DocExamples.docs().resolve("events.md"), "cuir-legacy-heartbeat", legacy);
        ProbeSpec changedB = named(io.moustash.cuir.state.TargetStateTest.spec(2, ActiveWindows.always()), "b");
        List<ProbeSpec> reloaded = List.of(dbA, changedB, dbC);
        board.retain(reloaded);
        assertEquals(new StatusBoard.Counts(3, 1, 0, 1, 0, 1), board.counts(reloaded), "b changed by a reload: pending again");
        board.record(b.observe(refusedAt(dbB, AT.plusSeconds(7))));
        assertEquals(new StatusBoard.Counts(3, 1, 0, 1, 0, 1), board.counts(reloaded), "a late result of the old b is not counted");
        board.record(new TargetState(changedB, ZoneOffset.UTC).observe(upAt(changedB, AT.plusSeconds(8))));
        assertEquals(new StatusBoard.Counts(3, 2, 0, 1, 0, 0), board.counts(reloaded), "the new b's own result counts");
        board.record(b.observe(refusedAt(dbB, AT.plusSeconds(9))));
        assertEquals(new StatusBoard.Counts(3, 2, 0, 1, 0, 0), board.counts(reloaded),
                "a later late result of the old b does not replace the new b's");
        assertEquals(Status.UP, board.snapshot(reloaded).get(1).seen().orElseThrow().state().orElseThrow());
        List<ProbeSpec> reparsed = List.of(named(db, "a"), changedB, dbC);
        board.retain(reparsed);
        board.record(a.observe(refusedAt(dbA, AT.plusSeconds(10))));
        assertEquals(new StatusBoard.Counts(3, 1, 0, 2, 0, 0), board.counts(reparsed),
                "a reload that parsed an equal spec keeps taking the running probe's results");
    }

    private static ProbeSpec named(ProbeSpec s, String name) {
        return new ProbeSpec(name, s.check(), s.message(), s.timeout(), s.interval(), s.failInterval(), s.downAfter(),
                s.active(), s.tags(), s.fields(), s.alerting());
    }
}
