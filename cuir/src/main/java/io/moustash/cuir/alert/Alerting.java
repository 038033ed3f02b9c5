package io.moustash.cuir.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is told, and how often, while a target is failing: a probe's {@code escalate} and
 * {@code remind}, or {@code [cuir]}'s.
 *
 * @param escalate the steps; {@link Escalation#none()} for a plain notification at each change
 * @param remind while the target stays failing, a reminder this long after the last notification; zero: never
 */
public record Alerting(Escalation escalate, Duration remind) {
    /** No escalation, no reminder: a notification at each change of state, as before either existed. */
    public static final Alerting NONE = new Alerting(Escalation.none(), Duration.ZERO);

    public Alerting {
        Objects.requireNonNull(escalate, "escalate");
        Objects.requireNonNull(remind, "remind");
    }

    /** These defaults with what a probe section sets itself. */
    public Alerting overriddenBy(Optional<Escalation> escalate, Optional<Duration> remind) {
        return new Alerting(escalate.orElse(this.escalate), remind.orElse(this.remind));
    }

    public boolean reminds() {
        return !remind.isZero();
    }
}
