package io.moustash.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: the n-th wait is drawn between half and all of
 * {@code min(max, initial * 2^n)}, so that many tools that lost the same broker do not all come
 * back at the same instant. Not thread-safe; it belongs to whichever thread is in the {@link Drain}.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = Math.max(initialNanos, max.toNanos());
    }

    /** The wait before the next attempt, after one more failure. */
    long nextNanos() {
        long ceiling = initialNanos << Math.min(failures, 30);
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        failures++;
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }

    void reset() {
        failures = 0;
    }
}
