package io.moustash.delivery;

import static io.moustash.delivery.DeliveryState.State.CATCHING_UP;
import static io.moustash.delivery.DeliveryState.State.CONGESTED;
import static io.moustash.delivery.DeliveryState.State.SENDING;
import static io.moustash.delivery.DeliveryState.State.UNREACHABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.delivery.DeliveryState.State;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every transition of the delivery state, from a table, with time as plain numbers. */
class DeliveryStateTest {
    private static final long NOW = 1_000;

    /** A state reached the way the publisher reaches it. */
    static DeliveryState in(State state) {
        DeliveryState s = new DeliveryState(state == CATCHING_UP);
        switch (state) {
            case UNREACHABLE -> s.sendFailed(NOW, 100);
            case CONGESTED -> s.congested(NOW, 100);
            default -> { }
        }
        assertEquals(state, s.current());
        return s;
    }

    static Consumer<DeliveryState> input(String name) {
        return switch (name) {
            case "backlog" -> DeliveryState::backlog;
            case "sendFailed" -> s -> s.sendFailed(NOW, 100);
            case "congested" -> s -> s.congested(NOW, 100);
            case "spooledDelivered" -> DeliveryState::spooledDelivered;
            case "drained" -> DeliveryState::drained;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "SENDING,     backlog,          CATCHING_UP",
        "CATCHING_UP, backlog,          CATCHING_UP",
        "UNREACHABLE, backlog,          UNREACHABLE",
        "CONGESTED,   backlog,          CONGESTED",
        "SENDING,     sendFailed,       UNREACHABLE",
        "CATCHING_UP, sendFailed,       UNREACHABLE",
        "UNREACHABLE, sendFailed,       UNREACHABLE",
        "CONGESTED,   sendFailed,       UNREACHABLE",
        "SENDING,     congested,        CONGESTED",
        "CATCHING_UP, congested,        CONGESTED",
        "UNREACHABLE, congested,        CONGESTED",
        "CONGESTED,   congested,        CONGESTED",
        "SENDING,     spooledDelivered, SENDING",
        "CATCHING_UP, spooledDelivered, CATCHING_UP",
        "UNREACHABLE, spooledDelivered, CATCHING_UP",
        "CONGESTED,   spooledDelivered, CATCHING_UP",
        "SENDING,     drained,          SENDING",
        "CATCHING_UP, drained,          SENDING",
        "UNREACHABLE, drained,          SENDING",
        "CONGESTED,   drained,          SENDING",
    })
    void transitions(State from, String input, State to) {
        DeliveryState state = in(from);
        input(input).accept(state);
        assertEquals(to, state.current());
        assertEquals(to != SENDING, state.spoolsNewEvents(), "only SENDING keeps new events in memory");
    }

    @Test
    void drainedSaysWhetherDeliveryCameBack() {
        assertFalse(in(SENDING).drained(), "already sending: nothing to say");
        assertTrue(in(UNREACHABLE).drained());
        assertTrue(in(CATCHING_UP).drained());
    }

    @Test
    void anAttemptIsDueOnlyOnceTheWaitIsOver() {
        DeliveryState state = in(UNREACHABLE);
        assertFalse(state.attemptDue(NOW + 99));
        assertEquals(1, state.nanosToAttempt(NOW + 99));
        assertTrue(state.attemptDue(NOW + 100));
        assertEquals(0, state.nanosToAttempt(NOW + 500));
        state.congested(NOW + 500, 50);
        assertFalse(state.attemptDue(NOW + 520));
        assertTrue(state.attemptDue(NOW + 550));
    }

    @Test
    void sendingAndCatchingUpNeverWait() {
        assertTrue(in(SENDING).attemptDue(Long.MIN_VALUE));
        assertTrue(in(CATCHING_UP).attemptDue(Long.MIN_VALUE));
    }

    @Test
    void theClockMayWrapAround() {
        DeliveryState state = new DeliveryState(false);
        state.sendFailed(Long.MAX_VALUE - 10, 100);
        assertFalse(state.attemptDue(Long.MAX_VALUE));
        assertTrue(state.attemptDue(Long.MIN_VALUE + 89));
    }
}
