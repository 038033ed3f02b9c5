package io.moustash.cuir.config;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.cuir.alert.Escalation;
import io.moustash.cuir.check.Checks;
import io.moustash.event.UserFields;
import java.time.Duration;
import java.util.List;

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
    public static final Option<Duration> REMIND = Option.of("remind", Parsers.secondsOrOff(), Duration.ZERO,
            "While a target stays failing, a reminder notification this many seconds after the last one; 0: never. The default for every probe.");
    public static final Option<Duration> HEARTBEAT_INTERVAL = Option.of("heartbeat_interval", Parsers.secondsOrOff(),
            Duration.ofSeconds(60), "Seconds between two heartbeat events with the counts of probes up, down, ...; 0: none.");

    /** The options of {@code [cuir]}; any other line there is a probe. */
    public static final List<Option<?>> SECTION_OPTIONS = List.of(INTERVAL, REPORT, TIMEOUT, MAX_IN_FLIGHT, ESCALATE,
            REMIND, HEARTBEAT_INTERVAL);

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
    public static final Option<ActiveWindows> ACTIVE = Option.of("active", ActiveWindows::parse, ActiveWindows.always(),
            "Windows such as 12345;08:00-18:00 outside which failures are not notified.");
    public static final Option<List<String>> TAGS = Option.of("tags", Parsers.list(), List.of(),
            "Extra tags for this probe's events.");
    public static final Option<UserFields> FIELDS = Option.of("fields", UserFields::parse, UserFields.NONE,
            "Extra key=value fields for this probe's events, typed and placed as [moustash] fields.");

    public static final Option<Escalation> PROBE_ESCALATE = Option.of("escalate", Escalation::parse, null,
            "Who is told at the N-th failure in a row; default: [cuir] escalate; empty: no one by name.");
    public static final Option<Duration> PROBE_REMIND = Option.of("remind", Parsers.secondsOrOff(), null,
            "Seconds between reminders while the target stays failing; default: [cuir] remind; 0: never.");

    /** The options every kind of probe shares. */
    public static final List<Option<?>> COMMON_PROBE_OPTIONS = List.of(MESSAGE, PROBE_TIMEOUT, PROBE_INTERVAL,
            FAIL_INTERVAL, DOWN_AFTER, ACTIVE, TAGS, FIELDS, PROBE_ESCALATE, PROBE_REMIND);

    /** Every option of a {@code [cuir:NAME]} section: the shared ones, then each kind's. */
    public static final List<Option<?>> PROBE_OPTIONS = probeOptions();

    private CuirOptions() {
    }

    /** Cuir's sections and their options, for "interval belongs in [cuir]" when written in [moustash]. */
    public static java.util.Map<String, List<Option<?>>> sections() {
        java.util.Map<String, List<Option<?>>> sections = new java.util.LinkedHashMap<>();
        sections.put("[" + SECTION + "]", SECTION_OPTIONS);
        sections.put("[" + PROBE_SECTION_PREFIX + "NAME]", PROBE_OPTIONS);
        return sections;
    }

    private static List<Option<?>> probeOptions() {
        List<Option<?>> all = new java.util.ArrayList<>(COMMON_PROBE_OPTIONS);
        all.addAll(Checks.options());
        return List.copyOf(all);
    }
}
