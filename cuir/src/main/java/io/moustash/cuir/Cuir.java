package io.moustash.cuir;

import io.moustash.cli.Commands;
import io.moustash.cli.ConfigMixin;
import io.moustash.cli.ManifestVersion;
import io.moustash.cli.Shutdown;
import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.common.UsageException;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.cuir.config.CuirOptions;
import io.moustash.cuir.report.ConfigListing;
import io.moustash.delivery.Publisher;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import java.io.PrintWriter;
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
        exitCodeList = {"0:all probes up (--once), or a clean stop", "1:a probe warned (--once)",
                "2:a probe is down (--once)", "3:a probe's result is unknown (--once)", "64:usage error",
                "69:events could not be published (--once)", "78:configuration error"},
        footerHeading = "%nExamples:%n",
        footer = {"  cuir --check-config",
            "      Checks the configuration file and lists the probes it defines.",
            "  cuir --once --no-publish",
            "      Probes every target once and prints a table, like a Nagios check; publishes nothing.",
            "  cuir -c /etc/moustash/staging.ini --once",
            "      The same with another file, publishing the results; exit 2 when a target is down.",
            "  [program:cuir] command=/usr/local/bin/cuir",
            "      How supervisord runs it: probing until SIGTERM, every change of state logged on stderr."})
public final class Cuir implements Callable<Integer> {
    @Mixin
    ConfigMixin config;

    @Option(names = "--once", description = "Probe every target once, print a table, publish the events and exit.")
    boolean once;

    @Option(names = "--check-config", description = "Validate the configuration, list the probes and exit.")
    boolean checkConfig;

    @Option(names = "--no-publish", description = "With --once: print the table only, publish nothing.")
    boolean noPublish;

    @Spec
    CommandSpec spec;

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
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> say = line -> {
            err.println(line);
            err.flush();
        };
        // The file's warnings on the command's stderr, so that --check-config shows them where its tests look.
        MoustashSettings settings = config.load(CuirOptions.sections(), say);
        CuirConfig cuir = CuirConfigReader.read(settings.document(), settings.events().fields(), say);
        PrintWriter out = spec.commandLine().getOut();
        if (cuir.probes().isEmpty()) {
            throw new MoustashException(ExitCode.CONFIG, cuir.file() + ": no probes: add lines such as "
                    + "SSH: 127.0.0.1:22:ssh server to [cuir], or [cuir:NAME] sections");
        }
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
        // Closed in reverse: probing stops first, then the publisher takes the last events and flushes.
        try (Shutdown shutdown = Shutdown.install("cuir")) {
            Publisher publisher = shutdown.add(Wiring.publisher(settings));
            Monitor monitor = shutdown.add(new Monitor(cuir, publisher, o -> { }));
            // supervisord stops the daemon with SIGTERM: a clean stop (0) once the path above has run.
            // Not for --once, whose status says how the probes went.
            Shutdown.exitOnTerm("cuir", ExitCode.OK);
            monitor.runUntilStopped();
        }
        return ExitCode.OK;
    }
}
