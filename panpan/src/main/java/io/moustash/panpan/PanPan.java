package io.moustash.panpan;

import io.moustash.cli.Commands;
import io.moustash.cli.ConfigMixin;
import io.moustash.cli.Logging;
import io.moustash.cli.ManifestVersion;
import io.moustash.common.ExitCode;
import io.moustash.common.UsageException;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.delivery.Publishers;
import io.moustash.event.Event;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventFormat;
import io.moustash.event.EventOptions;
import io.moustash.event.EventSettings;
import io.moustash.event.EventTooLargeException;
import io.moustash.panpan.event.EventTemplate;
import io.moustash.panpan.stream.LineReader;
import io.moustash.panpan.stream.StreamSender;
import io.moustash.runtime.MoustashSettings;
import io.moustash.transport.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code panpan "message"}: sends one event, or one per line of stdin, and exits. Called from shell
 * scripts, cron jobs and deploy hooks, so it prints nothing on stdout unless asked, says one line
 * on stderr when something fails, and exits 0 (delivered or spooled), 64 (usage, or a message too
 * large: see {@link LineReader#MAX_LINE} and {@link EventEncoder#MAX_DOCUMENT_BYTES}), 69 (broker
 * unavailable, nothing kept) or 78 (configuration).
 *
 * <p>The one-shot path does only what the event needs: the command line is checked before the
 * configuration is read, {@code --dry-run} never creates a transport, and the publisher is closed
 * before returning so that nothing is left waiting at exit.
 */
@Command(name = "panpan", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Sends a message to logstash through the Moustash broker (Redis or RabbitMQ).",
            "The original form 'panpan MESSAGE PROGRAM SOURCE True|False' still works."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:delivered, or kept in the spool for later delivery (said on stderr)",
            "64:usage error; or a message too large: over " + LineReader.MAX_LINE / PanPan.MIB + " MiB on stdin, or a JSON document"
                    + " over " + EventEncoder.MAX_DOCUMENT_BYTES / PanPan.MIB + " MiB"
                    + " (with --stdin, said for each such line, which is skipped)",
            "69:broker unavailable and nothing kept", "78:configuration error"})
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

    @Option(names = {"-n", "--notify"}, description = "Marks the event as a notification (tag 'notification', kind alert).")
    boolean notify;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Host name the event carries (default: [moustash] hostname, else the machine's).")
    String hostname;

    @Mixin
    ConfigMixin config;

    @Option(names = "--transport", paramLabel = "NAME", description = "Overrides [moustash] transport: redis, rabbitmq or stdout.")
    String transport;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Overrides [moustash] event_format: ecs or legacy.")
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

    private final InputStream input;
    private final Clock clock;

    public PanPan() {
        this(System.in, Clock.systemUTC());
    }

    /** For tests: {@code input} stands for stdin, {@code clock} gives the events' time. */
    PanPan(InputStream input, Clock clock) {
        this.input = input;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PanPan()).execute(NativeArguments.utf8(args)));
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
        MessageArguments arguments = MessageArguments.parse(positional, spec);
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
        try (Publisher publisher = openPublisher()) {
            Delivery delivery = publishOne(publisher, event);
            if (delivery == Delivery.SPOOLED) {
                notice("broker unavailable" + why(publisher)
                        + "; the event is kept in the spool and will be delivered when it is back");
            } else if (config.verbose() && !dryRun) {
                notice("delivered");
            }
        }
        return ExitCode.OK;
    }

    /** Publishes {@code event} and waits; a document over the limit is a usage error that says why. */
    private static Delivery publishOne(Publisher publisher, Event event) {
        try {
            return publisher.publish(event).join();
        } catch (EventTooLargeException | CompletionException e) {
            if (e instanceof EventTooLargeException || e.getCause() instanceof EventTooLargeException) {
                throw new UsageException((e instanceof EventTooLargeException ? e : e.getCause()).getMessage()
                        + " (once escaped, a quote or backslash takes 2 bytes, a control character 6)");
            }
            throw e;
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
        try (Publisher publisher = openPublisher()) {
            StreamSender.LineEvents events = json ? template::json : (line, notJson) -> template.plain(line);
            totals = new StreamSender(new LineReader(input), events, publisher, this::failureLine).run();
            why = why(publisher);
        }
        if (totals.notJson() > 0) {
            notice(totals.notJson() + " of " + totals.read() + " lines were not JSON objects; sent as plain text tagged "
                    + EventTemplate.JSON_FAILURE_TAG);
        }
        if (totals.spooled() > 0) {
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
            transport = choice("--transport", transport, TransportOptions.TRANSPORT.parser()::parse);
        }
        if (format != null) {
            format = choice("--format", format, EventOptions.EVENT_FORMAT.parser()::parse);
        }
        return new EventTemplate(type, tags, program, source, notify, FieldArguments.parse(fields, spec), clock);
    }

    private String choice(String option, String value, java.util.function.UnaryOperator<String> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage() + ", not '" + value + "'");
        }
    }

    /** Reads the configuration only now, when an event is ready to go. */
    private Publisher openPublisher() {
        MoustashSettings settings = config.load(warnings());
        EventSettings events = settings.events();
        if (format != null) {
            events = events.withFormat(EventFormat.valueOf(format.toUpperCase(Locale.ROOT)));
        }
        if (hostname != null) {
            events = events.withHostname(hostname);
        }
        if (dryRun) {
            return new DryRunPublisher(EventEncoder.of(events), spec.commandLine().getOut());
        }
        return Publishers.open(transport == null ? settings : settings.withTransport(transport), events);
    }

    private Consumer<String> warnings() {
        PrintWriter err = spec.commandLine().getErr();
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
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.name() + ": " + line);
        err.flush();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
