package io.moustash.dist;

import io.moustash.cli.EnvironmentVariable;
import io.moustash.cli.Signals;
import io.moustash.config.ConfigLocator;
import io.moustash.spool.SpoolDirectories;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A section-1 man page in troff, written from a picocli command's own model: name, synopsis,
 * description, options, arguments, exit statuses and examples are the ones {@code --help} shows
 * (the examples are the footer under the heading {@value #EXAMPLES_HEADING}); the signals are those
 * the tool answers ({@link Signals.Handler}); the environment is
 * the launcher's list with the variables the code reads ({@link EnvironmentVariable}); the files
 * are the places the code looks in.
 */
final class ManPage {
    /** The footer heading under which a tool's {@code --help} shows its examples. */
    static final String EXAMPLES_HEADING = "Examples:";

    private ManPage() {
    }

    /**
     * @param launcherEnvironment the variables the launcher reads (read from its own comment by
     *     {@link GenerateDistFiles#launcherEnvironment})
     */
    static String render(CommandLine command, String version, List<EnvironmentVariable> launcherEnvironment) {
        CommandSpec spec = command.getCommandSpec();
        String name = command.getCommandName();
        StringBuilder man = new StringBuilder();
        header(man, name, 1, version);
        man.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(firstLine(spec.usageMessage().description()))).append('\n');

        man.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                        .synopsis(0).strip()))
                .append("\n.fi\n");

        man.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            man.append(escape(line)).append("\n.PP\n");
        }

        if (!spec.positionalParameters().isEmpty()) {
            man.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec param : spec.positionalParameters()) {
                if (param.hidden()) {
                    continue;
                }
                man.append(".TP\n\\fI").append(escape(param.paramLabel())).append("\\fR\n")
                        .append(escape(String.join(" ", param.description()))).append('\n');
            }
        }

        man.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            man.append(".TP\n\\fB").append(escape(String.join(", ", option.names()))).append("\\fR");
            if (option.arity().max() > 0) {
                man.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
            }
            man.append('\n').append(escape(String.join(" ", option.description())
                    .replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue())))).append('\n');
        }

        if (spec.usageMessage().exitCodeList().isEmpty()) {
            throw new IllegalStateException(name + " lists no exit statuses (@Command exitCodeList)");
        }
        man.append(".SH EXIT STATUS\n");
        spec.usageMessage().exitCodeList().forEach((code, meaning) ->
                man.append(".TP\n\\fB").append(escape(code.trim())).append("\\fR\n").append(escape(meaning)).append('\n'));

        if (spec.userObject() instanceof Signals.Handler handler) {
            man.append(".SH SIGNALS\n");
            for (Signals.Meaning signal : handler.signals()) {
                man.append(".TP\n\\fBSIG").append(escape(signal.name())).append("\\fR\n").append(escape(signal.meaning()))
                        .append('\n');
            }
        }

        List<EnvironmentVariable> environment = new ArrayList<>(launcherEnvironment);
        environment.addAll(EnvironmentVariable.COMMON);
        if (spec.userObject() instanceof EnvironmentVariable.Reader reader) {
            environment.addAll(reader.environment());
        }
        environment(man, environment);
        files(man);
        examples(man, name, spec);
        man.append(".SH SEE ALSO\n");
        List.of("cuir", "fouet", "panpan").stream().filter(other -> !other.equals(name))
                .forEach(other -> man.append("\\fB").append(other).append("\\fR(1),\n"));
        man.append("\\fBmoustash.ini\\fR(5)\n");
        return man.toString();
    }

    static void header(StringBuilder man, String name, int section, String version) {
        man.append(".TH ").append(escape(name.toUpperCase(Locale.ROOT))).append(' ').append(section).append(" \"")
                .append(LocalDate.now()).append("\" \"Moustash ").append(escape(version)).append("\" \"Moustash manual\"\n");
    }

    static void environment(StringBuilder man, List<EnvironmentVariable> variables) {
        man.append(".SH ENVIRONMENT\n");
        for (EnvironmentVariable variable : variables) {
            man.append(".TP\n\\fB").append(escape(variable.name())).append("\\fR\n")
                    .append(escape(variable.meaning())).append('\n');
        }
    }

    /** The configuration files in the order they are looked for, the spool, the launcher's cache. */
    static void files(StringBuilder man) {
        man.append(".SH FILES\n");
        man.append(".TP\n\\fIPREFIX\\fB").append(escape("/etc/moustash/moustash.ini")).append("\\fR\n")
                .append(escape("The configuration of the installation the command runs from (PREFIX/lib/moustash"
                        + " holds it; install.sh --prefix PREFIX creates this file), read when neither -c nor "
                        + ConfigLocator.ENV_VARIABLE + " names one.")).append('\n');
        for (var path : ConfigLocator.DEFAULT_PATHS) {
            man.append(".TP\n\\fB").append(escape(path.toString())).append("\\fR\n")
                    .append("Then this configuration file.\n");
        }
        man.append(escape("Without any of them the tools run on built-in defaults (Redis on localhost:6379) and say so"
                + " on stderr. See moustash.ini(5).")).append('\n');
        man.append(".TP\n\\fB").append(escape(SpoolDirectories.SYSTEM)).append("\\fR\n")
                .append(escape("The spool, where events wait while the broker is away (when writable; see "
                        + SpoolDirectories.ENV_VARIABLE + " and spool_dir).")).append('\n');
        man.append(".TP\n\\fIPREFIX\\fB").append(escape("/lib/moustash/cache")).append("\\fR\n")
                .append(escape("The class-data archives install.sh made for the Java it found, which make start-up"
                        + " shorter; every user's launcher uses them."))
                .append('\n');
        man.append(".TP\n\\fB").append(escape("~/.cache/moustash")).append("\\fR\n")
                .append(escape("The launchers' class-data archives for any other Java, made after a command's first run"
                        + " with it (see MOUSTASH_CACHE_DIR)."))
                .append('\n');
    }

    /**
     * The footer shown under {@value #EXAMPLES_HEADING}: lines indented by two spaces are commands
     * (several in a row make one example), lines indented further explain the example above.
     */
    private static void examples(StringBuilder man, String name, CommandSpec spec) {
        String heading = spec.usageMessage().footerHeading();
        String[] footer = spec.usageMessage().footer();
        if (heading == null || !heading.contains(EXAMPLES_HEADING) || footer.length == 0) {
            throw new IllegalStateException(name + " has no examples (@Command footerHeading \"" + EXAMPLES_HEADING
                    + "\" and footer)");
        }
        man.append(".SH EXAMPLES\n");
        boolean inCommand = false;
        boolean inText = false;
        for (String line : footer) {
            boolean explanation = line.startsWith("   ");
            if (!explanation && !inCommand) {
                man.append(inText ? ".RE\n" : "").append(".PP\n.nf\n");
                inText = false;
            } else if (explanation && !inText) {
                man.append(".fi\n.RS\n");
                inCommand = false;
            }
            if (explanation) {
                man.append(escape(line.strip())).append('\n');
                inText = true;
            } else {
                man.append("\\fB").append(escape(line.strip())).append("\\fR\n");
                inCommand = true;
            }
        }
        man.append(inCommand ? ".fi\n" : ".RE\n");
    }

    private static String firstLine(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** Escapes what troff would read as requests or escapes. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (line.startsWith(".") || line.startsWith("'")) {
                out.append("\\&");
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
