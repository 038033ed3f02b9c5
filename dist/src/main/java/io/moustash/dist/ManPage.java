package io.moustash.dist;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A section-1 man page in troff, written from a picocli command's own model: name, synopsis,
 * description, options, arguments, exit statuses and footer are the ones {@code --help} shows.
 */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandLine command, String version) {
        CommandSpec spec = command.getCommandSpec();
        String name = command.getCommandName();
        StringBuilder man = new StringBuilder();
        man.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"")
                .append(LocalDate.now()).append("\" \"Moustash ").append(escape(version)).append("\" \"Moustash manual\"\n");
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

        if (!spec.usageMessage().exitCodeList().isEmpty()) {
            man.append(".SH EXIT STATUS\n");
            spec.usageMessage().exitCodeList().forEach((code, meaning) ->
                    man.append(".TP\n\\fB").append(escape(code.trim())).append("\\fR\n").append(escape(meaning)).append('\n'));
        }

        man.append(".SH FILES\n.TP\n/usr/local/etc/moustash/moustash.ini\n")
                .append("The configuration file (then /etc/moustash/moustash.ini; see \\fB\\-\\-config\\fR and MOUSTASH_CONFIG).\n");
        List<String> footer = List.of(spec.usageMessage().footer());
        if (!footer.isEmpty()) {
            man.append(".SH NOTES\n");
            footer.forEach(line -> man.append(escape(line)).append("\n.br\n"));
        }
        man.append(".SH SEE ALSO\n");
        List.of("cuir", "fouet", "panpan").stream().filter(other -> !other.equals(name))
                .forEach(other -> man.append("\\fB").append(other).append("\\fR(1)\n"));
        return man.toString();
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
