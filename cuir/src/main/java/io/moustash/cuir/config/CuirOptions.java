package io.moustash.cuir.config;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.config.ValueParser;
import io.moustash.cuir.alert.Escalation;
import io.moustash.event.UserFields;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every option Cuir reads: those of {@code [cuir]} (whose other lines are probes) and those of a
 * {@code [cuir:NAME]} probe section. docs/configuration.md lists the same names and defaults.
 */
public final class CuirOptions {
    public static final String SECTION = "cuir";
    public static final String PROBE_SECTION_PREFIX = "cuir:";

    public static final Option<Duration> INTERVAL = Option.of("interval", Parsers.seconds(), Duration.ofSeconds(5),
            "Seconds between two probes of a target; the default for every probe.");
    public static final Option<String> REPORT = Option.of("report", Parsers.choice("failures", "changes", "all"),
            "failures", "Which results become events: failures (every failed probe, and recoveries), changes, or all; "
                    + "notifications (escalations, reminders) always.");
    public static final Option<Duration> TIMEOUT = Option.of("timeout", Parsers.seconds(), Duration.ofSeconds(3),
            "Seconds a probe may take (resolving, connecting, TLS, reply, command); the default for every probe.");
    public static final Option<Integer> MAX_IN_FLIGHT = Option.of("max_in_flight", Parsers.integer(0, 1_000_000), 0,
            "Probes running at once at most; 0 picks half the open-file limit, at most 8192.");
    public static final Option<Escalation> ESCALATE = Option.of("escalate", Escalation::parse, Escalation.none(),
            "Who is told at the N-th failure in a row, e.g. 1:ops 3:oncall,dba 10:boss (tags notify:NAME); the default for every probe.");
    public static final Option<Duration> REMIND = Option.of("remind", Parsers.secondsOrZero(), Duration.ZERO,
            "While a target stays failing, a reminder notification this many seconds after the last one; 0: never. The default for every probe.");
    public static final Option<Duration> HEARTBEAT_INTERVAL = Option.of("heartbeat_interval", Parsers.secondsOrZero(),
            Duration.ofSeconds(60), "Seconds between two heartbeat events with the counts of probes up, down, ...; 0: none.");

    /** The options of {@code [cuir]}; any other line there is a probe. */
    public static final List<Option<?>> SECTION_OPTIONS = List.of(INTERVAL, REPORT, TIMEOUT, MAX_IN_FLIGHT, ESCALATE,
            REMIND, HEARTBEAT_INTERVAL);

    public static final Option<String> HOST = Option.of("host", Parsers.nonEmptyText(), null,
            "Host to connect to: an IPv4 address, an IPv6 address (brackets optional) or a DNS name.");
    public static final Option<Integer> PORT = Option.of("port", Parsers.port(), null, "TCP port to connect to.");
    public static final Option<String> MESSAGE = Option.of("message", Parsers.text(), "",
            "Informations text carried as the events' message.");
    public static final Option<Duration> PROBE_TIMEOUT = Option.of("timeout", Parsers.seconds(), null,
            "Seconds this probe may take; default: [cuir] timeout.");
    public static final Option<Duration> PROBE_INTERVAL = Option.of("interval", Parsers.seconds(), null,
            "Seconds between two probes; default: [cuir] interval.");
    public static final Option<Duration> FAIL_INTERVAL = Option.of("fail_interval", Parsers.seconds(), null,
            "Seconds between two probes while the target is failing; default: interval.");
    public static final Option<Integer> DOWN_AFTER = Option.of("down_after", Parsers.integer(1, 1000), 1,
            "Consecutive failures before the target counts as down.");
    public static final Option<byte[]> SEND = Option.of("send", Escapes::unescape, new byte[0],
            "Bytes to send after connecting; \\r, \\n, \\t, \\0, \\\\ and \\xHH are escapes.");
    public static final Option<Pattern> EXPECT = Option.of("expect", regex(), null,
            "Regular expression the reply must contain (^ and $ match at line ends).");
    public static final Option<Boolean> TLS = Option.of("tls", Parsers.bool(), false,
            "Do a TLS handshake after connecting; send and expect then go through TLS.");
    public static final Option<Integer> CERT_WARN_DAYS = Option.of("cert_warn_days", Parsers.integer(0, 3650), 14,
            "With tls, a warning when the certificate expires within this many days; 0 never warns.");
    public static final Option<ActiveWindows> ACTIVE = Option.of("active", ActiveWindows::parse, ActiveWindows.always(),
            "Windows such as 12345;08:00-18:00 outside which failures are not notified.");
    public static final Option<List<String>> TAGS = Option.of("tags", Parsers.list(), List.of(),
            "Extra tags for this probe's events.");
    public static final Option<UserFields> FIELDS = Option.of("fields", UserFields::parse, UserFields.NONE,
            "Extra key=value fields for this probe's events, typed and placed as [moustash] fields.");
    public static final Option<List<String>> COMMAND = Option.of("command", CommandWords::split, null,
            "A Nagios plugin to run instead of connecting: exit 0/1/2/3 is OK/WARNING/CRITICAL/UNKNOWN.");

    public static final Option<Escalation> PROBE_ESCALATE = Option.of("escalate", Escalation::parse, null,
            "Who is told at the N-th failure in a row; default: [cuir] escalate; empty: no one by name.");
    public static final Option<Duration> PROBE_REMIND = Option.of("remind", Parsers.secondsOrZero(), null,
            "Seconds between reminders while the target stays failing; default: [cuir] remind; 0: never.");

    public static final List<Option<?>> PROBE_OPTIONS = List.of(HOST, PORT, MESSAGE, PROBE_TIMEOUT, PROBE_INTERVAL,
            FAIL_INTERVAL, DOWN_AFTER, SEND, EXPECT, TLS, CERT_WARN_DAYS, ACTIVE, TAGS, FIELDS, COMMAND, PROBE_ESCALATE,
            PROBE_REMIND);

    private CuirOptions() {
    }

    /** Cuir's sections and their options, for "interval belongs in [cuir]" when written in [moustash]. */
    public static java.util.Map<String, List<Option<?>>> sections() {
        java.util.Map<String, List<Option<?>>> sections = new java.util.LinkedHashMap<>();
        sections.put("[" + SECTION + "]", SECTION_OPTIONS);
        sections.put("[" + PROBE_SECTION_PREFIX + "NAME]", PROBE_OPTIONS);
        return sections;
    }

    private static ValueParser<Pattern> regex() {
        return text -> {
            try {
                return Pattern.compile(text, Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        };
    }
}
