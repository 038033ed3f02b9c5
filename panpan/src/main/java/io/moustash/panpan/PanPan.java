package io.moustash.panpan;

import io.moustash.cli.Commands;
import io.moustash.cli.ConfigMixin;
import io.moustash.cli.Logging;
import io.moustash.cli.ManifestVersion;
import io.moustash.cli.Shutdown;
import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.common.UsageException;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventOptions;
import io.moustash.event.EventSettings;
import io.moustash.event.EventTooLargeException;
import io.moustash.event.UserFields;
import io.moustash.panpan.event.EventTemplate;
import io.moustash.panpan.stream.LineReader;
import io.moustash.panpan.stream.StreamSender;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.TransportProvider;
import io.moustash.runtime.Transports;
import io.moustash.runtime.Wiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code panpan "message"}: sends one event, or one per line of stdin, and exits. Called from shell
 * scripts, cron jobs and deploy hooks, so it prints nothing on stdout unless asked, says one line
 * on stderr when something fails, and exits 0 (delivered or spooled), 64 (usage, or a message too
 * large: see {@link LineReader#MAX_LINE} and {@link EventEncoder#MAX_DOCUMENT_BYTES}), 69 (broker
 * unavailable, nothing kept) or 78 (configuration).
 *
 * <p>The one-shot path does only what the event needs: the command line is checked before the
 * configuration is read, {@code --dry-run} never creates a transport, and the publisher is closed
 * before returning so that nothing is left waiting at exit; killed, it closes it on the way out.
 */
@Command(name = PanPan.NAME, mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Sends a message to logstash through the Moustash broker (Redis or RabbitMQ).",
            "The original form 'panpan MESSAGE PROGRAM SOURCE True|False' still works."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:delivered, or kept in the spool for later delivery (said on stderr)",
            "64:usage error; or a message too large: over " + LineReader.MAX_LINE / PanPan.MIB + " MiB on stdin, or a JSON document"
                    + " over " + EventEncoder.MAX_DOCUMENT_BYTES / PanPan.MIB + " MiB"
                    + " (with --stdin, said for each such line, which is skipped)",
            "69:broker unavailable and nothing kept", "78:configuration error",
            "143:killed by SIGTERM; what it held was delivered or kept in the spool on the way out"},
        footerHeading = "%nExamples:%n",
        footer = {"  panpan \"backup finished\"",
            "      One event with that message.",
            "  panpan -n -T backup -f duration_s=42 \"backup failed\"",
            "      A notification, with a tag and a numeric field.",
            "  tail -F /var/log/app.log | panpan --stdin -t app",
            "      One event per line, sent in batches as lines arrive.",
            "  panpan --dry-run --format legacy \"test\"",
            "      Prints the JSON document instead of sending it."})
public final class PanPan implements Callable<Integer> {
    static final int MIB = 1024 * 1024;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE",
            description = "The message; - reads it from stdin (up to " + LineReader.MAX_LINE / PanPan.MIB + " MiB). Not with --stdin.")
    List<String> positional = new ArrayList<>();

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "logstash type (default: panpan).")
    String type;

    @Option(names = {"-T", "--tag"}, paramLabel = "TAG", description = "Adds a tag; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-p", "--program"}, paramLabel = "PROGRAM", description = "What the message is about (the original's program).")
    String program;

    @Option(names = {"-s", "--source"}, paramLabel = "SOURCE", description = "Where it comes from (the original's source).")
    String source;

    @Option(names = {"-f", "--field"}, paramLabel = "KEY=VALUE",
            description = "Adds a field; repeatable. Numbers, true and false stay JSON numbers and booleans; KEY may be dotted (http.status=500).")
    List<String> fields = new ArrayList<>();
    /** {@link #fields} checked and typed, by {@link #checkedTemplate()}. */
    private UserFields fieldOptions = UserFields.NONE;

    @Option(names = {"-n", "--notify"}, description = "Marks the event as a notification (tag 'notification', kind alert).")
    boolean notify;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Host name the event carries (default: [moustash] hostname, else the machine's).")
    String hostname;

    @Mixin
    ConfigMixin config;

    @Option(names = "--transport", paramLabel = "NAME", completionCandidates = TransportNames.class,
            description = "Overrides [moustash] transport: ${COMPLETION-CANDIDATES}.")
    String transport;

    @Option(names = "--format", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
            description = "Overrides [moustash] event_format: ${COMPLETION-CANDIDATES}.")
    String format;

    @Option(names = "--stdin", description = "Sends one event per line of stdin, in batches as lines arrive, until end of input;"
            + " a line longer than " + LineReader.MAX_LINE / PanPan.MIB + " MiB is cut in pieces.")
    boolean stdin;

    @Option(names = "--json", description = "MESSAGE (each line with --stdin) is a JSON object merged into the event; text that is not is sent as it is, tagged _jsonparsefailure.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Says nothing on stderr but failures.")
    boolean quiet;

    @Option(names = "--dry-run", description = "Prints the JSON document(s) on stdout and sends nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    /** The values of {@code --transport}, for --help and the shell's completion: the registered transports. */
    public static final class TransportNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Transports.ALL.stream().map(TransportProvider::name).iterator();
        }
    }

    /** The values of {@code --format}. */
    public static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(EventFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }

    static final String NAME = "panpan";

    private final InputStream input;
    private final Clock clock;
    /** stdout and stderr on the quick path; picocli's otherwise (see {@link #out()}). */
    private PrintWriter out;
    private PrintWriter err;

    public PanPan() {
        this(System.in, Clock.systemUTC());
    }

    /** For tests: {@code input} stands for stdin, {@code clock} gives the events' time. */
    PanPan(InputStream input, Clock clock) {
        this.input = input;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(execute(new PanPan(), NativeArguments.utf8(args), null, null));
    }

    /**
     * Runs {@code command} with {@code args}: a plain one-shot ({@code panpan [options] MESSAGE},
     * see {@link QuickArguments}) without building picocli's model, every other command line
     * through picocli. Either way the same {@link #call} runs, and failures read the same
     * ({@link Commands#usageError}, {@link Commands#failure}).
     *
     * @param out stdout, or {@code null} for System.out in UTF-8 (tests pass their own)
     * @param err stderr, likewise
     */
    static int execute(PanPan command, String[] args, PrintWriter out, PrintWriter err) {
        if (QuickArguments.fill(command, args)) {
            command.out = out != null ? out : utf8(System.out);
            command.err = err != null ? err : utf8(System.err);
            Logging.quietDelivery();
            Logging.undated();
            try {
                return command.call();
            } catch (QuickUsageException e) {
                return Commands.usageError(NAME, e.getMessage(), command.err);
            } catch (Exception e) {
                return Commands.failure(NAME, e, command.config.verbose(), command.err);
            }
        }
        CommandLine line = commandLine(command);
        if (out != null) {
            line.setOut(out);
        }
        if (err != null) {
            line.setErr(err);
        }
        return line.execute(args);
    }

    /** Sets the fields as picocli would from the same command line (see {@link QuickArguments}). */
    void quickFill(List<String> positional, String type, List<String> tags, String program, String source,
            List<String> fields, boolean notify, String hostname, java.nio.file.Path configFile, boolean verbose,
            String transport, String format, boolean json, boolean quiet, boolean dryRun) {
        this.positional = positional;
        this.type = type;
        this.tags = tags;
        this.program = program;
        this.source = source;
        this.fields = fields;
        this.notify = notify;
        this.hostname = hostname;
        this.config = ConfigMixin.of(configFile, verbose);
        this.transport = transport;
        this.format = format;
        this.json = json;
        this.quiet = quiet;
        this.dryRun = dryRun;
    }

    /** A usage mistake found on the quick path, where there is no picocli command line to name. */
    private static final class QuickUsageException extends UsageException {
        private static final long serialVersionUID = 1L;

        QuickUsageException(String message) {
            super(message);
        }
    }

    /**
     * The command line {@link Commands} builds, with two changes for a one-shot shell tool: no
     * picocli {@code @file} expansion (a message such as "@channel deploy done" is a message, never
     * a file to read); stdout and stderr in UTF-8 whatever the locale (cron's POSIX locale would
     * turn every non-ASCII character of a --dry-run document into '?').
     */
    public static CommandLine commandLine(PanPan command) {
        Logging.quietDelivery();
        Logging.undated();
        return Commands.commandLine(command).setExpandAtFiles(false)
                .setOut(utf8(System.out)).setErr(utf8(System.err));
    }

    private static PrintWriter utf8(java.io.PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    @Override
    public Integer call() throws IOException {
        EventTemplate template = checkedTemplate();
        if (stdin) {
            return streamStdin(template);
        }
        MessageArguments arguments = MessageArguments.parse(positional, this::usage);
        if (arguments.legacy() && (program != null || source != null || notify)) {
            throw usage("-p, -s and -n cannot be combined with the original form MESSAGE PROGRAM SOURCE True|False");
        }
        String message = arguments.fromStdin() ? StdinMessage.read(input) : arguments.message();
        if (message.isBlank()) {
            throw usage(arguments.fromStdin() ? "empty message on stdin" : "empty MESSAGE");
        }
        if (arguments.legacy()) {
            template = template.withOriginalForm(arguments.program(), arguments.source(), arguments.notification());
        }
        Event event = json ? template.json(message,
                () -> notice("MESSAGE is not a JSON object; sent as plain text tagged " + EventTemplate.JSON_FAILURE_TAG))
                : template.plain(message);
        Delivery delivery;
        String why;
        boolean kept;
        try (Shutdown shutdown = Shutdown.install(NAME)) {
            Publisher publisher = shutdown.add(openPublisher(true));
            CompletableFuture<Delivery> future = publish(publisher, event);
            awaitAtMost(future, publisher.longestWait());
            // Closing keeps on disk whatever the wait left in memory, completes its future, and
            // lets a backlog of earlier runs drain for up to delivery_close_timeout.
            shutdown.close();
            delivery = outcome(future);
            why = why(publisher);
            kept = publisher.keptInSpool();
        }
        if (delivery == null) {
            throw new MoustashException(ExitCode.UNAVAILABLE, "the event could be neither delivered nor spooled");
        }
        if (delivery == Delivery.SPOOLED && kept) {
            notice(why.isEmpty()
                    ? "events of earlier runs are still waiting for the broker; this one is kept in the spool behind them"
                    : "broker unavailable" + why + "; the event is kept in the spool and will be delivered when it is back");
        } else if (config.verbose() && !dryRun) {
            notice(delivery == Delivery.SPOOLED ? "delivered behind the events earlier runs had spooled" : "delivered");
        }
        return ExitCode.OK;
    }

    /** Publishes {@code event}; a document over the limit is a usage error that says why. */
    private static CompletableFuture<Delivery> publish(Publisher publisher, Event event) {
        try {
            return publisher.publish(event);
        } catch (EventTooLargeException e) {
            throw tooLarge(e);
        }
    }

    /** The future's outcome once the publisher is closed, or {@code null} when it has none. */
    private static Delivery outcome(CompletableFuture<Delivery> future) {
        try {
            return future.getNow(null);
        } catch (CompletionException e) {
            if (e.getCause() instanceof EventTooLargeException tooLarge) {
                throw tooLarge(tooLarge);
            }
            throw e;
        }
    }

    private static UsageException tooLarge(EventTooLargeException e) {
        return new UsageException(e.getMessage() + " (once escaped, a quote or backslash takes 2 bytes, a control character 6)");
    }

    /** Waits for {@code future} up to {@code bound}; a failure is left in it for the caller to read. */
    private static void awaitAtMost(CompletableFuture<Delivery> future, Duration bound) {
        try {
            future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The future says which, after close.
        }
    }

    /** The broker's refusal, so that one a retry cannot mend (a password, a certificate) is seen. */
    private static String why(Publisher publisher) {
        return publisher.outage().map(reason -> ": " + reason).orElse("");
    }

    private int streamStdin(EventTemplate template) throws IOException {
        if (!positional.isEmpty()) {
            throw usage("--stdin reads the messages from stdin; give no MESSAGE");
        }
        StreamSender.Totals totals;
        String why;
        boolean kept;
        // A PanPan killed (SIGTERM, Ctrl-C) mid-stream still closes its publisher on the way out:
        // what it holds goes to the broker or the spool, not away. It exits 143 (130) all the same.
        try (Shutdown shutdown = Shutdown.install(NAME)) {
            Publisher publisher = shutdown.add(openPublisher(false));
            StreamSender.LineEvents events = json ? template::json : (line, notJson) -> template.plain(line);
            totals = new StreamSender(new LineReader(input), events, publisher, this::failureLine).run();
            shutdown.close();
            why = why(publisher);
            kept = publisher.keptInSpool();
        }
        if (totals.notJson() > 0) {
            notice(totals.notJson() + " of " + totals.read() + " lines were not JSON objects; sent as plain text tagged "
                    + EventTemplate.JSON_FAILURE_TAG);
        }
        if (totals.spooled() > 0 && !kept) {
            if (config.verbose()) {
                notice(totals.spooled() + " of " + totals.read() + " events waited in the spool and were delivered before exit");
            }
        } else if (totals.spooled() > 0) {
            notice(totals.spooled() + " of " + totals.read()
                    + " events kept in the spool (broker unavailable" + why + "); they will be delivered when it is back");
        } else if (config.verbose() && !dryRun) {
            notice(totals.delivered() + " events delivered");
        }
        // Each refused line was said as it came; the status tells a script that not all were sent.
        return totals.refused() > 0 ? ExitCode.USAGE : ExitCode.OK;
    }

    /** Checks every option before anything is read, so a usage mistake is exit 64 whatever the configuration. */
    private EventTemplate checkedTemplate() {
        if (type != null && type.isBlank()) {
            throw usage("--type must not be empty");
        }
        if (hostname != null && hostname.isBlank()) {
            throw usage("--hostname must not be empty");
        }
        if (transport != null) {
            transport = choice("--transport", transport, Transports.TRANSPORT.parser()::parse);
        }
        if (format != null) {
            format = choice("--format", format, EventOptions.EVENT_FORMAT.parser()::parse);
        }
        fieldOptions = FieldArguments.parse(fields, this::usage);
        return new EventTemplate(type, tags, program, source, notify, fieldOptions, clock);
    }

    private String choice(String option, String value, java.util.function.UnaryOperator<String> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage() + ", not '" + value + "'");
        }
    }

    /**
     * Reads the configuration only now, when an event is ready to go.
     *
     * @param oneShot one event: the reliable publisher only if it cannot go at once ({@link Wiring#oneShotPublisher})
     */
    private Publisher openPublisher(boolean oneShot) {
        MoustashSettings settings = config.load(warnings());
        EventSettings events = settings.events();
        try {
            fieldOptions.checkAgainst(events.fields(), "[moustash] fields of " + settings.document().origin());
        } catch (IllegalArgumentException e) {
            throw usage("-f: " + e.getMessage());
        }
        if (format != null) {
            events = events.withFormat(EventFormat.valueOf(format.toUpperCase(Locale.ROOT)));
        }
        if (hostname != null) {
            events = events.withHostname(hostname);
        }
        if (dryRun) {
            return new DryRunPublisher(EventEncoder.of(events), out());
        }
        MoustashSettings chosen = transport == null ? settings : settings.withTransport(transport);
        return oneShot ? Wiring.oneShotPublisher(chosen, events) : Wiring.publisher(chosen, events);
    }

    private PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : out;
    }

    private PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : err;
    }

    private Consumer<String> warnings() {
        PrintWriter err = err();
        return quiet ? line -> { } : line -> {
            err.println(line);
            err.flush();
        };
    }

    private void notice(String line) {
        if (!quiet) {
            failureLine(line);
        }
    }

    /** One line on stderr, even with {@code -q}: something was not sent. */
    private void failureLine(String line) {
        PrintWriter err = err();
        err.println(NAME + ": " + line);
        err.flush();
    }

    private RuntimeException usage(String message) {
        return spec != null ? new ParameterException(spec.commandLine(), message) : new QuickUsageException(message);
    }
}
