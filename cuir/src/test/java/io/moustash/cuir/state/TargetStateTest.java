package io.moustash.cuir.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

public class TargetStateTest {
    public static ProbeSpec spec(int downAfter, ActiveWindows active) {
        return new ProbeSpec("db", TcpCheck.connect(new Target("127.0.0.1", 5432)), "", Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(1), downAfter, active, List.of(), io.moustash.event.UserFields.NONE);
    }

    public static ProbeResult result(ProbeSpec spec, Status status, Instant at) {
        return new ProbeResult(spec, at, status, status == Status.UP ? null : Reason.REFUSED, null, 1000,
                new TcpDetails((TcpCheck) spec.check(), null, -1, null));
    }

    @Test
    void aTargetGoesDownOnlyAfterDownAfterFailuresAndComesBackAtOnce() {
        ProbeSpec spec = spec(3, ActiveWindows.always());
        TargetState state = new TargetState(spec, ZoneOffset.UTC);
        Instant now = Instant.parse("2024-06-03T10:00:00Z");
        Observation first = state.observe(result(spec, Status.DOWN, now));
        assertEquals(1, first.consecutiveFailures());
        assertEquals(Status.UP, first.state());
        assertFalse(first.changed());
        assertTrue(state.failing(), "a soft failure already probes at fail_interval");
        state.observe(result(spec, Status.DOWN, now));
        Observation third = state.observe(result(spec, Status.DOWN, now));
        assertEquals(3, third.consecutiveFailures());
        assertTrue(third.changed());
        assertEquals(Status.DOWN, third.state());
        assertFalse(state.observe(result(spec, Status.DOWN, now)).changed());
        Observation back = state.observe(result(spec, Status.UP, now));
        assertTrue(back.recovered());
        assertEquals(Status.DOWN, back.previous());
        assertEquals(0, back.consecutiveFailures());
        assertFalse(state.failing());
    }

    @Test
    void changesOutsideTheActiveWindowsAreMarkedAsSuch() {
        ProbeSpec spec = spec(1, ActiveWindows.parse("12345;08:00-18:00"));
        TargetState state = new TargetState(spec, ZoneOffset.UTC);
        assertFalse(state.observe(result(spec, Status.DOWN, Instant.parse("2024-06-08T10:00:00Z"))).inWindow(), "a Saturday");
        assertTrue(state.observe(result(spec, Status.UP, Instant.parse("2024-06-03T10:00:00Z"))).inWindow(), "a Monday");
    }
}
