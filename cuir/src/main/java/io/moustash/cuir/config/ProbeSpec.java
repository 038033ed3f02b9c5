package io.moustash.cuir.config;

import io.moustash.cuir.alert.Alerting;
import io.moustash.event.UserFields;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One probe, validated: either a TCP target (with optional send, expect and TLS) or a command run
 * as a Nagios plugin. Immutable.
 *
 * @param name the probe's name as the file spelled it
 * @param target where to connect; {@code null} for a command probe
 * @param command program and arguments of a command probe; empty for a TCP probe
 * @param message the informations text, carried as the event's message; may be empty
 * @param failInterval how often to probe while the target is failing
 * @param downAfter consecutive failures before the target counts as down
 * @param send bytes written after connecting; empty for none
 * @param expect what the reply must match; {@code null} for no check
 * @param certWarnDays with TLS, warn when the certificate expires within this many days (0: never)
 * @param fields the probe's own fields, placed in its events as every user field is
 * @param alerting who is told as failures go on, and how often reminded
 */
public record ProbeSpec(String name, Target target, List<String> command, String message, Duration timeout,
        Duration interval, Duration failInterval, int downAfter, byte[] send, Pattern expect, boolean tls,
        int certWarnDays, ActiveWindows active, List<String> tags, UserFields fields, Alerting alerting) {

    public ProbeSpec {
        command = List.copyOf(command);
        tags = List.copyOf(tags);
        send = send.clone();
    }

    /** A probe without escalation or reminders: a notification at each change of state. */
    public ProbeSpec(String name, Target target, List<String> command, String message, Duration timeout,
            Duration interval, Duration failInterval, int downAfter, byte[] send, Pattern expect, boolean tls,
            int certWarnDays, ActiveWindows active, List<String> tags, UserFields fields) {
        this(name, target, command, message, timeout, interval, failInterval, downAfter, send, expect, tls,
                certWarnDays, active, tags, fields, Alerting.NONE);
    }

    /** A probe of the original one-line form: a plain connect with the section's defaults. */
    public static ProbeSpec connect(String name, Target target, String message, Duration timeout, Duration interval) {
        return connect(name, target, message, timeout, interval, Alerting.NONE);
    }

    /** The same with {@code [cuir]}'s escalate and remind. */
    public static ProbeSpec connect(String name, Target target, String message, Duration timeout, Duration interval,
            Alerting alerting) {
        return new ProbeSpec(name, target, List.of(), message, timeout, interval, interval, 1, new byte[0], null,
                false, 0, ActiveWindows.always(), List.of(), UserFields.NONE, alerting);
    }

    public boolean isCommand() {
        return target == null;
    }

    @Override
    public byte[] send() {
        return send.clone();
    }

    public boolean sends() {
        return send.length > 0;
    }

    /** Where the probe goes, for tables and messages: {@code host:port} or the command line. */
    public String describeTarget() {
        return isCommand() ? commandLine() : target.toString();
    }

    /** The command's words joined again, quoted where a word needs it, so the line reads as it was written. */
    private String commandLine() {
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            if (line.length() > 0) {
                line.append(' ');
            }
            boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\');
            line.append(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
