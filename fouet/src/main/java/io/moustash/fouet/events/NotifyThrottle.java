package io.moustash.fouet.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code [fouet] notify_interval}: at most one notification per interval for each process and
 * notified state, so that a program crashing every few seconds pages once, not every few seconds.
 * What is held back is still published (without the notification tag) and counted; the next
 * notification carries the count.
 *
 * <p>The first notification of a key always goes out at once: throttling never delays news, it only
 * holds back repeats. Memory is bounded: {@value #MAX_KEYS} keys, the one heard from least recently
 * forgotten (a process forgotten notifies at its next event, as a new one would).
 *
 * <p>Not thread-safe: the listener's one thread uses it. Time is the event's, so tests drive it.
 */
final class NotifyThrottle {
    static final int MAX_KEYS = 1024;

    /** What to do with a notification. */
    sealed interface Verdict {
        /** Notify; {@code heldBack} notifications of the same key were held back since the last one, over {@code since}. */
        record Notify(long heldBack, Duration since) implements Verdict {
        }

        /** Publish without notifying: one went out less than the interval ago. */
        record Hold() implements Verdict {
        }
    }

    private static final class Key {
        Instant lastNotified;
        long heldBack;
    }

    private final Duration interval;
    private final Map<String, Key> keys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Key> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** @param interval {@link Duration#ZERO} lets every notification through */
    NotifyThrottle(Duration interval) {
        this.interval = interval;
    }

    /** Decides for a notification of {@code key} (process and state) at {@code now}. */
    Verdict admit(String key, Instant now) {
        if (interval.isZero()) {
            return new Verdict.Notify(0, Duration.ZERO);
        }
        Key state = keys.computeIfAbsent(key, k -> new Key());
        if (state.lastNotified != null && now.isBefore(state.lastNotified.plus(interval))) {
            state.heldBack++;
            return new Verdict.Hold();
        }
        Verdict verdict = new Verdict.Notify(state.heldBack,
                state.lastNotified == null ? Duration.ZERO : Duration.between(state.lastNotified, now));
        state.lastNotified = now;
        state.heldBack = 0;
        return verdict;
    }
}
