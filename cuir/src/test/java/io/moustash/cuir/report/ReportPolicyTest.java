package io.moustash.cuir.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moustash.cuir.alert.Alerting;
import io.moustash.cuir.alert.Escalation;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.config.ReportMode;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.state.TargetState;
import io.moustash.cuir.state.TargetStateTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which results of one sequence become events, and which of those notify, in each mode. */
class ReportPolicyTest {
    private static final List<Status> SEQUENCE = List.of(Status.UP, Status.DOWN, Status.DOWN, Status.DOWN,
            Status.DOWN, Status.UP, Status.UP);

    private static String run(ReportMode mode, int downAfter) {
        return run(mode, TargetStateTest.spec(downAfter, ActiveWindows.always()), 0);
    }

    /** The sequence, one result every {@code seconds}. */
    private static String run(ReportMode mode, ProbeSpec spec, int seconds) {
        TargetState state = new TargetState(spec, ZoneOffset.UTC);
        ReportPolicy policy = new ReportPolicy(mode);
        StringBuilder out = new StringBuilder();
        Instant at = Instant.parse("2024-06-03T10:00:00Z");
        for (Status s : SEQUENCE) {
            at = at.plusSeconds(seconds);
            Observation o = state.observe(TargetStateTest.result(spec, s, at));
            out.append(!policy.publishes(o) ? '.' : policy.notifies(o) ? 'N' : 'e');
        }
        return out.toString();
    }

    @Test
    void failuresReportsEveryFailureAndTheRecovery() {
        assertEquals(".NeeeN.", run(ReportMode.FAILURES, 1));
        assertEquals("...NeN.", run(ReportMode.FAILURES, 3), "soft failures before down_after are not events");
    }

    @Test
    void changesReportsOnlyChanges() {
        assertEquals(".N...N.", run(ReportMode.CHANGES, 1));
        assertEquals("...N.N.", run(ReportMode.CHANGES, 3));
    }

    @Test
    void escalationsAndRemindersArePublishedWhateverTheMode() {
        ProbeSpec spec = TargetStateTest.spec(1, ActiveWindows.always(),
                new Alerting(Escalation.parse("3:oncall"), Duration.ofSeconds(10)));
        assertEquals(".NNNNN.", run(ReportMode.CHANGES, spec, 10), "the 2nd and 4th failures remind, the 3rd escalates");
        assertEquals(".N.N.N.", run(ReportMode.CHANGES, TargetStateTest.spec(1, ActiveWindows.always(),
                new Alerting(Escalation.parse("3:oncall"), Duration.ZERO)), 10), "without remind, the 3rd only");
    }

    @Test
    void allReportsEverything() {
        assertEquals("eNeeeNe", run(ReportMode.ALL, 1));
    }
}
