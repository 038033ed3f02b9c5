package io.moustash.cuir.config;

import io.moustash.cuir.alert.Alerting;
import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.event.UserFields;
import java.time.Duration;
import java.util.List;

/**
 * One probe, validated: what it checks, and the settings every kind shares. Immutable.
 *
 * @param name the probe's name as the file spelled it
 * @param check what is probed, one record per kind
 * @param message the informations text, carried as the event's message; may be empty
 * @param failInterval how often to probe while the target is failing
 * @param downAfter consecutive failures before the target counts as down
 * @param fields the probe's own fields, placed in its events as every user field is
 * @param alerting who is told as failures go on, and how often reminded
 */
public record ProbeSpec(String name, Check check, String message, Duration timeout, Duration interval,
        Duration failInterval, int downAfter, ActiveWindows active, List<String> tags, UserFields fields,
        Alerting alerting) {

    public ProbeSpec {
        tags = List.copyOf(tags);
    }

    /** A probe without escalation or reminders: a notification at each change of state. */
    public ProbeSpec(String name, Check check, String message, Duration timeout, Duration interval,
            Duration failInterval, int downAfter, ActiveWindows active, List<String> tags, UserFields fields) {
        this(name, check, message, timeout, interval, failInterval, downAfter, active, tags, fields, Alerting.NONE);
    }

    /** A probe of the original one-line form: a plain connect with the section's defaults. */
    public static ProbeSpec connect(String name, Target target, String message, Duration timeout, Duration interval) {
        return connect(name, target, message, timeout, interval, Alerting.NONE);
    }

    /** The same with {@code [cuir]}'s escalate and remind. */
    public static ProbeSpec connect(String name, Target target, String message, Duration timeout, Duration interval,
            Alerting alerting) {
        return new ProbeSpec(name, TcpCheck.connect(target), message, timeout, interval, interval, 1,
                ActiveWindows.always(), List.of(), UserFields.NONE, alerting);
    }

    /** Where the probe goes, for tables and messages: {@code host:port}, the command line. */
    public String describeTarget() {
        return check.target();
    }
}
