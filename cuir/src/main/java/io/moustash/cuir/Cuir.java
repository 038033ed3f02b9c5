package io.moustash.cuir;

import io.moustash.cli.Commands;
import io.moustash.cli.ConfigMixin;
import io.moustash.cli.ManifestVersion;
import io.moustash.cli.Shutdown;
import io.moustash.cli.Signals;
import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.common.UsageException;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.cuir.config.CuirOptions;
import io.moustash.cuir.report.ConfigListing;
import io.moustash.cuir.status.StatusBoard;
import io.moustash.cuir.status.StatusFile;
import io.moustash.cuir.status.StatusQuery;
import io.moustash.cuir.status.StatusWriter;
import io.moustash.delivery.Publisher;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.spool.SpoolDirectories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cuir}: probes TCP ports, runs Nagios plugins, follows log files, and publishes what it finds. */
@Command(name = "cuir", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        description = {"Probes TCP ports (connect, send, expect, TLS), runs Nagios plugins and counts matching lines "
                + "of log files on an interval, and publishes the results as logstash events through Redis or RabbitMQ.",
                "Probes are configured in [cuir] (Name: host:port:informations) and [cuir:NAME] sections."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all probes up (--once, --status), or a clean stop", "1:a probe warned (--once, --status)",
                "2:a probe is down (--once, --status)",
                "3:a probe's result is unknown (--once, --status), or no Cuir runs with this configuration (--status)",
                "64:usage error",
                "69:events could not be published (--once)", "78:configuration error"},
        footerHeading = "%nExamples:%n",
        footer = {"  cuir --check-config",
            "      Checks the configuration file and lists the probes it defines.",
            "  cuir --once --no-publish",
            "      Probes every target once and prints a table, like a Nagios check; publishes nothing.",
            "  cuir -c /etc/moustash/staging.ini --once",
            "      The same with another file, publishing the results; exit 2 when a target is down.",
            "  [program:cuir] command=/usr/local/bin/cuir",
            "      How supervisord runs it: probing until SIGTERM, every change of state logged on stderr.",
            "  cuir --status",
            "      The state of every probe of the Cuir running with the same configuration; exit 3 when none runs.",
            "  supervisorctl signal HUP cuir",
            "      Makes the Cuir supervisord runs read its configuration again (SIGHUP)."})
public final class Cuir implements Callable<Integer>, Signals.Handler {
    /** What Cuir does at each signal it answers, for its man page. */
    static final List<Signals.Meaning> SIGNALS = List.of(
            new Signals.Meaning("HUP", "Reads the configuration file again. Probes added, removed or changed take effect"
                    + " at once; unchanged ones keep their state and counters. An invalid file changes nothing: each of its"
                    + " problems is said on stderr and the running probes go on. [moustash] (broker, events, delivery) and"
                    + " [cuir] report, max_in_flight and heartbeat_interval take effect at the next restart, which is said when"
                    + " they changed."
                    + " Under supervisord: supervisorctl signal HUP cuir."),
            new Signals.Meaning("TERM", "Stops probing, delivers or spools the events still held, removes the status file"
                    + " and exits 0: how supervisord stops it."));

    @Mixin
    ConfigMixin config;

    @Option(names = "--once", description = "Probe every target once, print a table, publish the events and exit.")
    boolean once;

    @Option(names = "--check-config", description = "Validate the configuration, list the probes and exit.")
    boolean checkConfig;

    @Option(names = "--no-publish", description = "With --once: print the table only, publish nothing.")
    boolean noPublish;

    @Option(names = "--status", description = "Print the state of every probe of the Cuir running with the same"
            + " configuration (name, target, state, since when, last reason) and exit as --once does; exit 3, with one"
            + " line on stderr, when none is running.")
    boolean status;

    @Spec
    CommandSpec spec;

    @Override
    public List<Signals.Meaning> signals() {
        return SIGNALS;
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new Cuir(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (once && checkConfig) {
            throw new UsageException("--once and --check-config cannot be combined");
        }
        if (noPublish && !once) {
            throw new UsageException("--no-publish only applies to --once");
        }
        if (status && (once || checkConfig)) {
            throw new UsageException("--status cannot be combined with " + (once ? "--once" : "--check-config"));
        }
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> say = line -> {
            err.println(line);
            err.flush();
        };
        PrintWriter out = spec.commandLine().getOut();
        if (status) {
            // [moustash] alone: the running Cuir's probes are in its status file, whatever the file says now.
            MoustashSettings settings = config.load(CuirOptions.sections(), say);
            String origin = settings.document().origin();
            // Looked for, not made: the user asking may not be the one Cuir runs as.
            List<Path> files = SpoolDirectories.candidates(settings.delivery().spoolDir()).stream()
                    .map(dir -> StatusFile.of(dir, origin)).toList();
            return StatusQuery.run(files, StatusFile.realPath(origin), Clock.systemUTC(), ZoneId.systemDefault(), out, say);
        }
        // The file's warnings on the command's stderr, so that --check-config shows them where its tests look.
        Reloader.Loaded loaded = load(say);
        MoustashSettings settings = loaded.settings();
        CuirConfig cuir = loaded.cuir();
        if (checkConfig) {
            ConfigListing.print(cuir, out);
            return ExitCode.OK;
        }
        if (once) {
            try (Shutdown shutdown = Shutdown.install("cuir")) {
                Publisher publisher = noPublish ? null : shutdown.add(Wiring.publisher(settings));
                return OnceRun.run(cuir, publisher, out, say, config.verbose() ? say : line -> { });
            }
        }
        // Closed in reverse: no more reloads, the status file removed, probing stopped, then the
        // publisher takes the last events and flushes.
        try (Shutdown shutdown = Shutdown.install("cuir")) {
            Publisher publisher = shutdown.add(Wiring.publisher(settings));
            StatusBoard board = new StatusBoard();
            Monitor monitor = shutdown.add(new Monitor(cuir, publisher, board, o -> { }));
            StatusWriter writer = shutdown.add(new StatusWriter(statusFile(settings), StatusFile.realPath(cuir.file()),
                    StatusWriter.every(cuir.interval()), board, monitor::probes, Clock.systemUTC()));
            Reloader reloader = shutdown.add(new Reloader(() -> load(say), loaded, monitor::reload,
                    reloaded -> writer.refresh(), say));
            // supervisord stops the daemon with SIGTERM: a clean stop (0) once the path above has run.
            // Not for --once, whose status says how the probes went.
            Shutdown.exitOnTerm("cuir", ExitCode.OK);
            Signals.on("cuir", "HUP", reloader::request, "SIGHUP stops Cuir (exit 129) instead of reloading");
            writer.start();
            monitor.runUntilStopped();
        }
        return ExitCode.OK;
    }

    /** Reads and validates the whole file: at start, and again at each SIGHUP. */
    private Reloader.Loaded load(Consumer<String> say) {
        MoustashSettings settings = config.load(CuirOptions.sections(), say);
        CuirConfig cuir = CuirConfigReader.read(settings.document(), settings.events().fields(), say);
        if (cuir.probes().isEmpty()) {
            throw new MoustashException(ExitCode.CONFIG, cuir.file() + ": no probes: add lines such as "
                    + "SSH: 127.0.0.1:22:ssh server to [cuir], or [cuir:NAME] sections");
        }
        return new Reloader.Loaded(settings, cuir);
    }

    /** Where the Cuir running this configuration writes its status: next to the spool. */
    private static Path statusFile(MoustashSettings settings) {
        return StatusFile.of(SpoolDirectories.resolve(settings.delivery().spoolDir()), settings.document().origin());
    }
}
