package io.moustash.cuir.probe;

import java.util.Locale;

/** How a probe ended, in the Nagios plugin convention: a connect is UP or DOWN; a plugin may say more. */
public enum Status {
    /** Connected (and matched, and handshaked); a plugin's OK, exit 0. */
    UP(0, "success"),
    /** Up but worth a look: a certificate about to expire; a plugin's WARNING, exit 1. */
    WARNING(1, "failure"),
    /** Not reachable or not answering as expected; a plugin's CRITICAL, exit 2. */
    DOWN(2, "failure"),
    /** Nothing could be concluded: a plugin's UNKNOWN (exit 3) or a local failure to probe. */
    UNKNOWN(3, "unknown");

    private final int pluginCode;
    private final String outcome;

    Status(int pluginCode, String outcome) {
        this.pluginCode = pluginCode;
        this.outcome = outcome;
    }

    /** The Nagios exit status this status corresponds to. */
    public int pluginCode() {
        return pluginCode;
    }

    /** ECS {@code event.outcome}: success, failure or unknown. */
    public String outcome() {
        return outcome;
    }

    public boolean isFailure() {
        return this != UP;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status a plugin's exit status means; anything but 0 to 3 is UNKNOWN, as Nagios reads it. */
    public static Status ofPluginExit(int exit) {
        return switch (exit) {
            case 0 -> UP;
            case 1 -> WARNING;
            case 2 -> DOWN;
            default -> UNKNOWN;
        };
    }
}
