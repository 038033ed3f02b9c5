package io.moustash.cuir.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.alert.Alerting;
import io.moustash.cuir.alert.Escalation;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TcpDetails;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The state machine from a table: a probe's settings, a sequence of results at given times, and
 * what each result makes of the target's state and who is told. Time is the results' own, so hours
 * of a target staying down run in microseconds.
 */
public class TargetStateTest {
    /** A Monday. */
    private static final LocalDate MONDAY = LocalDate.of(2024, 6, 3);

    public static ProbeSpec spec(int downAfter, ActiveWindows active) {
        return spec(downAfter, active, Alerting.NONE);
    }

    public static ProbeSpec spec(int downAfter, ActiveWindows active, Alerting alerting) {
        return new ProbeSpec("db", TcpCheck.connect(new Target("127.0.0.1", 5432)), "", Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(1), downAfter, active, List.of(),
                io.moustash.event.UserFields.NONE, alerting);
    }

    public static ProbeResult result(ProbeSpec spec, Status status, Instant at) {
        return new ProbeResult(spec, at, status, status == Status.UP ? null : Reason.REFUSED, null, 1000,
                new TcpDetails((TcpCheck) spec.check(), null, -1, null));
    }

    /**
     * @param steps {@code "D HH:MM:SS S"}: days after a Monday, the time (UTC), U, D, W or N (unknown)
     * @param expected per result: the state ({@code pending} before one is set), {@code *} on a
     *     change, then the notice's kind and names
     */
    record Row(String name, int downAfter, String escalate, int remindSeconds, String active, List<String> steps,
            List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("a first success sets the state without a word", 1, "", 0, "",
                        List.of("0 10:00:00 U", "0 10:00:05 D", "0 10:00:06 U"),
                        List.of("up", "down* CHANGE[]", "up* CHANGE[]")),
                new Row("a first failure is down from the start", 1, "", 0, "",
                        List.of("0 10:00:00 D", "0 10:00:01 D"),
                        List.of("down* CHANGE[]", "down")),
                new Row("first failures short of down_after leave the state unknown", 3, "", 0, "",
                        List.of("0 10:00:00 D", "0 10:00:01 D", "0 10:00:02 D", "0 10:00:03 U"),
                        List.of("pending", "pending", "down* CHANGE[]", "up* CHANGE[]")),
                new Row("soft failures from the start, then a success: up, no change", 3, "", 0, "",
                        List.of("0 10:00:00 D", "0 10:00:01 U"),
                        List.of("pending", "up")),
                new Row("each step is told once, the recovery to every step reached", 1, "1:ops 3:oncall,dba 5:boss", 0, "",
                        List.of("0 10:00:00 U", "0 10:00:05 D", "0 10:00:06 D", "0 10:00:07 D", "0 10:00:08 D",
                                "0 10:00:09 D", "0 10:00:10 D", "0 10:00:11 U"),
                        List.of("up", "down* CHANGE[ops]", "down", "down ESCALATION[oncall, dba]", "down",
                                "down ESCALATION[boss]", "down", "up* CHANGE[ops, oncall, dba, boss]")),
                new Row("steps before down_after are reached when the target goes down", 3, "1:ops 3:oncall 4:boss", 0, "",
                        List.of("0 10:00:00 U", "0 10:00:05 D", "0 10:00:06 D", "0 10:00:07 D", "0 10:00:08 D",
                                "0 10:00:09 U"),
                        List.of("up", "up", "up", "down* CHANGE[ops, oncall]", "down ESCALATION[boss]",
                                "up* CHANGE[ops, oncall, boss]")),
                new Row("a success resets the count", 1, "2:oncall", 0, "",
                        List.of("0 10:00:00 D", "0 10:00:01 D", "0 10:00:02 U", "0 10:00:03 D", "0 10:00:04 D"),
                        List.of("down* CHANGE[]", "down ESCALATION[oncall]", "up* CHANGE[oncall]", "down* CHANGE[]",
                                "down ESCALATION[oncall]")),
                new Row("a reminder every remind after the last notification", 1, "1:ops", 60, "",
                        List.of("0 10:00:00 D", "0 10:00:30 D", "0 10:01:00 D", "0 10:01:30 D", "0 10:02:05 D",
                                "0 10:03:00 D", "0 10:03:10 U"),
                        List.of("down* CHANGE[ops]", "down", "down REMINDER[ops]", "down", "down REMINDER[ops]", "down",
                                "up* CHANGE[ops]")),
                new Row("an escalation restarts the reminder's clock", 1, "1:ops 3:boss", 60, "",
                        List.of("0 10:00:00 D", "0 10:00:50 D", "0 10:01:40 D", "0 10:02:30 D", "0 10:02:40 D"),
                        List.of("down* CHANGE[ops]", "down", "down ESCALATION[boss]", "down", "down REMINDER[ops, boss]")),
                new Row("a change of failure is told to everyone told so far", 1, "1:ops", 0, "",
                        List.of("0 10:00:00 D", "0 10:00:01 W", "0 10:00:02 N"),
                        List.of("down* CHANGE[ops]", "warning* CHANGE[ops]", "unknown* CHANGE[ops]")),
                new Row("down outside the window is told when it opens, with every step reached", 1, "1:ops 2:oncall", 0,
                        "12345;08:00-18:00",
                        List.of("0 17:59:00 U", "0 18:01:00 D", "0 20:00:00 D", "1 07:59:59 D", "1 08:00:01 D",
                                "1 08:01:00 D", "1 08:02:00 U"),
                        List.of("up", "down*", "down", "down", "down WINDOW_OPENED[ops, oncall]", "down",
                                "up* CHANGE[ops, oncall]")),
                new Row("a failure over before the window opens tells no one", 1, "1:ops", 0, "12345;08:00-18:00",
                        List.of("4 18:01:00 D", "5 09:00:00 D", "5 09:05:00 U", "7 08:30:00 U"),
                        List.of("down*", "down", "up*", "up")),
                new Row("a recovery outside the window is told when the failure was", 1, "", 0, "12345;08:00-18:00",
                        List.of("0 17:58:00 D", "0 18:30:00 U"),
                        List.of("down* CHANGE[]", "up* CHANGE[]")),
                new Row("no reminder outside the window; the first one inside it", 1, "", 60, "12345;08:00-18:00",
                        List.of("0 17:58:00 D", "0 17:59:30 D", "0 18:30:00 D", "1 08:00:00 D"),
                        List.of("down* CHANGE[]", "down REMINDER[]", "down", "down REMINDER[]")),
                new Row("an escalation step reached outside the window waits for it", 1, "1:ops 2:boss", 0,
                        "12345;08:00-18:00",
                        List.of("0 17:58:00 D", "0 18:30:00 D", "0 19:00:00 D", "1 08:00:00 D"),
                        List.of("down* CHANGE[ops]", "down", "down", "down ESCALATION[boss]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theTable(Row row) {
        Alerting alerting = new Alerting(Escalation.parse(row.escalate()), Duration.ofSeconds(row.remindSeconds()));
        ProbeSpec spec = spec(row.downAfter(),
                row.active().isEmpty() ? ActiveWindows.always() : ActiveWindows.parse(row.active()), alerting);
        TargetState state = new TargetState(spec, ZoneOffset.UTC);
        List<String> seen = new ArrayList<>();
        for (String step : row.steps()) {
            String[] parts = step.split(" ");
            Instant at = MONDAY.plusDays(Integer.parseInt(parts[0])).atTime(LocalTime.parse(parts[1]))
                    .toInstant(ZoneOffset.UTC);
            Status status = switch (parts[2]) {
                case "U" -> Status.UP;
                case "D" -> Status.DOWN;
                case "W" -> Status.WARNING;
                default -> Status.UNKNOWN;
            };
            seen.add(shown(state.observe(result(spec, status, at))));
        }
        assertEquals(row.expected(), seen, row.name());
    }

    private static String shown(Observation o) {
        return o.state().map(Status::text).orElse("pending") + (o.changed() ? "*" : "")
                + o.notice().map(n -> " " + n.kind() + n.names()).orElse("");
    }

    @Test
    void aFirstFailureHasNoPreviousStateAndCountsFromItsFirstFailure() {
        ProbeSpec spec = spec(2, ActiveWindows.always());
        TargetState state = new TargetState(spec, ZoneOffset.UTC);
        Instant start = Instant.parse("2024-06-03T10:00:00Z");
        Observation soft = state.observe(result(spec, Status.DOWN, start));
        assertEquals(Optional.empty(), soft.state());
        assertTrue(state.failing(), "a soft failure already probes at fail_interval");
        Observation down = state.observe(result(spec, Status.DOWN, start.plusSeconds(3)));
        assertTrue(down.first());
        assertEquals(Optional.empty(), down.previous());
        assertEquals(Optional.of(start), down.failingSince());
        Observation back = state.observe(result(spec, Status.UP, start.plusSeconds(243)));
        assertTrue(back.recovered());
        assertEquals(Optional.of(Duration.ofSeconds(243)), back.failingFor());
        assertEquals(0, back.consecutiveFailures());
        assertFalse(state.failing());
    }

    @Test
    void onceTakesEachResultAsTheFirstWithoutDownAfter() {
        ProbeSpec spec = spec(3, ActiveWindows.always(), new Alerting(Escalation.parse("1:ops 2:boss"), Duration.ZERO));
        Observation o = TargetState.once(result(spec, Status.DOWN, Instant.parse("2024-06-03T10:00:00Z")), ZoneOffset.UTC);
        assertTrue(o.first());
        assertEquals(Optional.of(new Notice(Notice.Kind.CHANGE, List.of("ops"))), o.notice());
    }
}
