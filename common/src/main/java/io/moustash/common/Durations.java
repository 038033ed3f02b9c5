package io.moustash.common;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as the tools write them in messages: {@code 5 s}, {@code 0.5 s}. */
public final class Durations {
    private Durations() {
    }

    public static String shown(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + " s";
    }
}
