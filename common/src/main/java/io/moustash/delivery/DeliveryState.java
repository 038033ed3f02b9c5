package io.moustash.delivery;

/**
 * Where delivery stands, and the only place that changes it. Pure: no threads, no I/O, no clock of
 * its own; what depends on time takes {@code now} ({@link System#nanoTime} in the publisher, plain
 * numbers in {@code DeliveryStateTest}, which checks every transition from a table).
 *
 * <p>What each state means for an event accepted now:
 * <ul>
 * <li>{@link State#SENDING}: the broker takes events and nothing is spooled: it waits in memory, in
 * the queue, for the next batch.
 * <li>{@link State#CATCHING_UP}: the spool holds older events (this process's, or files earlier runs
 * left): it is spooled behind them, and the spool drains oldest first.
 * <li>{@link State#UNREACHABLE}: the last send failed: it is spooled; the oldest spooled batch is
 * tried again once the backoff is over.
 * <li>{@link State#CONGESTED}: the Redis list is at {@code redis_congestion_threshold}: it is
 * spooled; the list's length is asked again once the interval is over.
 * </ul>
 *
 * <p><b>Threads:</b> not thread-safe; its owner ({@link ReliablePublisher}) reads and changes it with
 * its lock held.
 */
final class DeliveryState {
    enum State { SENDING, CATCHING_UP, UNREACHABLE, CONGESTED }

    private State state;
    private long nextAttemptNanos;

    /** @param backlog whether the spool already holds events to deliver before any new one */
    DeliveryState(boolean backlog) {
        this.state = backlog ? State.CATCHING_UP : State.SENDING;
    }

    State current() {
        return state;
    }

    /** Whether an event accepted now goes to the spool rather than the queue: in every state but SENDING. */
    boolean spoolsNewEvents() {
        return state != State.SENDING;
    }

    /**
     * The spool now holds events older than any still to come (files earlier runs left, or a queue
     * that overflowed to disk): new events wait behind them.
     */
    void backlog() {
        if (state == State.SENDING) {
            state = State.CATCHING_UP;
        }
    }

    /** A send failed: the oldest spooled batch is tried again {@code waitNanos} after {@code now}. */
    void sendFailed(long now, long waitNanos) {
        state = State.UNREACHABLE;
        nextAttemptNanos = now + waitNanos;
    }

    /** The Redis list has no room: its length is asked again {@code waitNanos} after {@code now}. */
    void congested(long now, long waitNanos) {
        state = State.CONGESTED;
        nextAttemptNanos = now + waitNanos;
    }

    /** A spooled batch reached the broker: it is back, and the rest of the spool follows at once. */
    void spooledDelivered() {
        if (state == State.UNREACHABLE || state == State.CONGESTED) {
            state = State.CATCHING_UP;
        }
    }

    /**
     * Nothing spooled is left undelivered: events go through the queue again. True when that is a
     * change, so that the caller says once that delivery is back.
     */
    boolean drained() {
        boolean changed = state != State.SENDING;
        state = State.SENDING;
        return changed;
    }

    /** Whether the spool may be tried now: at once while catching up, after the wait when failing. */
    boolean attemptDue(long now) {
        return nanosToAttempt(now) == 0;
    }

    /** How long until the spool may be tried; 0 when it may be now. */
    long nanosToAttempt(long now) {
        if (state != State.UNREACHABLE && state != State.CONGESTED) {
            return 0;
        }
        return Math.max(0, nextAttemptNanos - now);
    }

    @Override
    public String toString() {
        return state.name();
    }
}
