package io.moustash.fouet.config;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.config.ValueParser;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The options of {@code [fouet]}, in the order docs/configuration.md lists them. */
public final class FouetOptions {
    public static final String SECTION = "fouet";

    /** An EXITED event with {@code expected:0}: the process died when supervisord did not expect it to. */
    public static final String CRASH = "crash";
    /** Every state a process event can report, by its lower-case name, plus {@value #CRASH}. */
    public static final List<String> NOTIFY_CHOICES = List.of(CRASH, "fatal", "backoff", "exited", "stopped",
            "stopping", "starting", "running", "unknown");

    public static final Option<List<String>> INCLUDE = Option.of("include", Parsers.list(), List.of(),
            "Processes to report, as supervisorctl names them: name, group:name, group:*, with * ? [] globs; empty: all.");
    public static final Option<List<String>> EXCLUDE = Option.of("exclude", Parsers.list(), List.of(),
            "Processes never reported, same patterns as include; exclude wins over include.");
    public static final Option<Set<String>> NOTIFY = Option.of("notify", choices(NOTIFY_CHOICES),
            Set.of(CRASH, "fatal"),
            "Process states whose events carry the notification tag and a tag naming the state: crash (EXITED with expected:0), fatal, backoff, exited, stopped, stopping, starting, running, unknown.");
    /**
     * Five minutes: longer than a crash loop's cycle (supervisord restarts a program that exited
     * from RUNNING at once, so a loop repeats every startsecs plus the program's life), so a loop
     * pages about twelve times an hour instead of a thousand; short enough that a second, separate
     * failure a few minutes later is not held back for long (and it is published at once anyway).
     */
    public static final Option<Duration> NOTIFY_INTERVAL = Option.of("notify_interval", Parsers.secondsOrOff(),
            Duration.ofMinutes(5),
            "Seconds between two notifications of the same process and state; those in between are published without the notification tag and counted in the next one's suppressed; 0: no limit.");
    public static final Option<Integer> STDERR_LINES = Option.of("stderr_lines", Parsers.integer(0, 1000), 20,
            "Last stderr lines kept per process (from PROCESS_LOG_STDERR events) and attached to its crash and fatal events; 0: none.");
    public static final Option<Boolean> LOG_EVENTS = Option.of("log_events", Parsers.bool(), false,
            "Publish PROCESS_LOG_* events themselves, one event per chunk supervisord sends.");
    public static final Option<Boolean> HEARTBEAT = Option.of("heartbeat", Parsers.bool(), true,
            "Publish TICK_* events (when the listener subscribes to them) as heartbeat events.");
    public static final Option<Duration> PUBLISH_TIMEOUT = Option.of("publish_timeout", Parsers.seconds(),
            Duration.ofSeconds(30),
            "Seconds to wait for an event to be published or spooled before answering FAIL, which makes supervisord send it again.");

    public static final List<Option<?>> ALL = List.of(INCLUDE, EXCLUDE, NOTIFY, NOTIFY_INTERVAL, STDERR_LINES, LOG_EVENTS, HEARTBEAT,
            PUBLISH_TIMEOUT);

    /** Fouet's section and its options, for "notify belongs in [fouet]" when written in [moustash]. */
    public static java.util.Map<String, List<Option<?>>> sections() {
        return java.util.Map.of("[" + SECTION + "]", ALL);
    }

    private FouetOptions() {
    }

    private static ValueParser<Set<String>> choices(List<String> allowed) {
        ValueParser<List<String>> list = Parsers.list();
        return text -> {
            Set<String> chosen = new LinkedHashSet<>();
            for (String item : list.parse(text)) {
                String word = item.toLowerCase(Locale.ROOT);
                if (!allowed.contains(word)) {
                    throw new IllegalArgumentException("expected some of " + String.join(", ", allowed)
                            + ", separated by commas");
                }
                chosen.add(word);
            }
            return Set.copyOf(chosen);
        };
    }
}
