package io.moustash.fouet;

import io.moustash.cli.Commands;
import io.moustash.cli.ConfigMixin;
import io.moustash.cli.EnvironmentVariable;
import io.moustash.cli.Logging;
import io.moustash.cli.ManifestVersion;
import io.moustash.cli.Shutdown;
import io.moustash.common.ExitCode;
import io.moustash.delivery.Publisher;
import io.moustash.fouet.config.FouetOptions;
import io.moustash.fouet.config.FouetSettings;
import io.moustash.fouet.events.EventMapper;
import io.moustash.fouet.protocol.ListenerProtocol;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code fouet}: the supervisord event listener that publishes every process state change. */
@Command(name = "fouet", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        sortOptions = false,
        description = {"Supervisord event listener: publishes one logstash event for each event supervisord sends.",
            "Run it from supervisord, not by hand:",
            "  [eventlistener:fouet]",
            "  command=/usr/local/bin/fouet",
            "  events=PROCESS_STATE,PROCESS_LOG_STDERR",
            "and stderr_events_enabled=true on each program whose crashes should say why.",
            "stdout carries supervisord's protocol only; everything Fouet says goes to stderr."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped by supervisord (SIGTERM, or its stdin or stdout closed), after closing the publisher",
            "64:usage error", "78:configuration error"},
        footerHeading = "%nExamples:%n",
        footer = {"  [eventlistener:fouet]",
            "  command=/usr/local/bin/fouet",
            "  events=PROCESS_STATE,PROCESS_LOG_STDERR,TICK_60",
            "      In supervisord's configuration: every state change published, crashes with the last stderr",
            "      lines of programs that set stderr_events_enabled=true, and a heartbeat a minute.",
            "  fouet --help",
            "      This text; Fouet has no other use from a terminal, as its stdin and stdout are supervisord's."})
public final class Fouet implements Callable<Integer>, EnvironmentVariable.Reader {
    @Mixin
    ConfigMixin config = new ConfigMixin();

    @Option(names = "--check-config", description = "Read [moustash] and [fouet], print what is wrong with them and exit.")
    boolean checkConfig;

    @Spec
    CommandSpec spec;

    private final InputStream protocolIn;
    private final OutputStream protocolOut;

    /** For what only reads the command's definition (the build's man page and completion): no protocol streams. */
    public Fouet() {
        this(InputStream.nullInputStream(), OutputStream.nullOutputStream());
    }

    Fouet(InputStream protocolIn, OutputStream protocolOut) {
        this.protocolIn = protocolIn;
        this.protocolOut = protocolOut;
    }

    public static void main(String[] args) {
        OutputStream protocolOut = ProtocolStdout.claim();
        // supervisord stops a listener with SIGTERM: a clean stop (0) once the publisher is closed.
        Shutdown.exitOnTerm("fouet", ExitCode.OK);
        System.exit(execute(System.in, protocolOut, args));
    }

    /** Runs Fouet on these streams; {@code --help} and {@code --version} also print to {@code protocolOut}. */
    static int execute(InputStream protocolIn, OutputStream protocolOut, String... args) {
        CommandLine line = Commands.commandLine(new Fouet(protocolIn, protocolOut));
        line.setOut(new PrintWriter(new OutputStreamWriter(protocolOut, StandardCharsets.UTF_8), true));
        return line.execute(args);
    }

    /** Warnings on stderr, one line on stdout when the file holds no error; errors throw (exit 78). */
    private int checkConfig() {
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> say = line -> {
            err.println(line);
            err.flush();
        };
        MoustashSettings settings = config.load(FouetOptions.sections(), say);
        FouetSettings.read(settings.document(), System.getenv(), say);
        PrintWriter out = spec.commandLine().getOut();
        out.println(settings.document().origin() + ": [moustash] and [fouet] read without errors");
        out.flush();
        return ExitCode.OK;
    }

    @Override
    public Integer call() throws Exception {
        if (checkConfig) {
            return checkConfig();
        }
        MoustashSettings settings = config.load(FouetOptions.sections(), Logging::warn);
        FouetSettings fouet = FouetSettings.read(settings.document(), System.getenv(), Logging::warn);
        EventMapper mapper = new EventMapper(fouet, Clock.systemUTC(),
                line -> LoggerFactory.getLogger(EventMapper.class).warn("{}", line));
        // At SIGTERM the hook closes the publisher (what it holds is delivered or spooled) while
        // this thread may still wait for supervisord; at the end of input this thread does.
        try (Shutdown shutdown = Shutdown.install("fouet")) {
            Publisher publisher = shutdown.add(Wiring.publisher(settings, where ->
                    LoggerFactory.getLogger(Fouet.class).info("fouet {}: listening to supervisord, events to {}",
                            version(), where)));
            new Listener(new ListenerProtocol(protocolIn, protocolOut), mapper, publisher, fouet.publishTimeout())
                    .run();
        }
        return ExitCode.OK;
    }

    @Override
    public List<EnvironmentVariable> environment() {
        return List.of(new EnvironmentVariable(FouetSettings.PROCESS_NAME_VARIABLE, "Set by supervisord: Fouet's own"
                        + " program, whose state changes it does not report."),
                new EnvironmentVariable(FouetSettings.GROUP_NAME_VARIABLE, "Set by supervisord: Fouet's own group."));
    }

    private static String version() {
        String version = Fouet.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
