package io.moustash.dist;

import io.moustash.cli.EnvironmentVariable;
import io.moustash.config.ConfigLocator;
import io.moustash.config.Option;
import io.moustash.cuir.config.CuirOptions;
import io.moustash.fouet.config.FouetOptions;
import io.moustash.runtime.MoustashSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * moustash.ini(5), written from the option constants docs/configuration.md is checked against
 * ({@link MoustashSettings#OPTIONS}, {@link CuirOptions}, {@link FouetOptions}): each option with its
 * older spellings, its default and its meaning. The example is the file install.sh copies.
 */
final class ConfigFilePage {
    static final String NAME = "moustash.ini";

    private ConfigFilePage() {
    }

    static String render(String version, String installedExample) {
        StringBuilder man = new StringBuilder();
        ManPage.header(man, NAME, 5, version);
        man.append(".SH NAME\n").append(ManPage.escape(NAME)).append(" \\- configuration file of the Moustash tools"
                + " (cuir, fouet, panpan)\n");
        man.append(".SH SYNOPSIS\n\\fIPREFIX\\fB").append(ManPage.escape("/etc/moustash/moustash.ini")).append("\\fR\n");
        for (var path : ConfigLocator.DEFAULT_PATHS) {
            man.append(".br\n").append(ManPage.escape(path.toString())).append('\n');
        }
        man.append(".SH DESCRIPTION\n").append(String.join("\n.PP\n", java.util.stream.Stream.of(
                "One ini file configures the three tools: [moustash] says where events go (the broker) and what every"
                        + " event carries, [cuir] and [cuir:NAME] sections are Cuir's probes, [fouet] is Fouet's."
                        + " PanPan reads [moustash] only.",
                "The file is the first of: -c FILE, $" + ConfigLocator.ENV_VARIABLE + ", PREFIX/etc/moustash/moustash.ini of"
                        + " the installation the command runs from, " + String.join(", ",
                                ConfigLocator.DEFAULT_PATHS.stream().map(Object::toString).toList())
                        + ". A file named by -c or " + ConfigLocator.ENV_VARIABLE + " must exist; without any file the"
                        + " tools run on built-in defaults (Redis on localhost:6379) and say so on stderr.",
                "Sections are [name]; section and option names ignore case. key = value and key: value both work."
                        + " Lines starting with ; or # are comments. Booleans accept 0/1, true/false, yes/no, on/off."
                        + " Durations are seconds and may have fractions (0.5).",
                "An unknown option is a warning naming the closest known one; a bad value is an error naming file,"
                        + " section, option and value, and the tool exits with status 78. Passwords never appear in"
                        + " messages; a file holding one should not be readable by others (chmod 640).")
                .map(ManPage::escape).toList())).append('\n');

        section(man, "[moustash]", "The broker, every event's shape, and delivery; read by every tool.",
                MoustashSettings.OPTIONS);
        section(man, "[cuir]", "Cuir's defaults. Every other line of [cuir] is a probe in the original form,"
                + " Name: host:port:informations.", CuirOptions.SECTION_OPTIONS);
        section(man, "[cuir:NAME]", "One probe named NAME: a TCP target (host and port) or a command.",
                CuirOptions.PROBE_OPTIONS);
        section(man, "[fouet]", "Which supervisord events Fouet reports and how; every option is optional.",
                FouetOptions.ALL);

        man.append(".SH ENVIRONMENT\n");
        for (EnvironmentVariable variable : EnvironmentVariable.COMMON) {
            man.append(".TP\n\\fB").append(ManPage.escape(variable.name())).append("\\fR\n")
                    .append(ManPage.escape(variable.meaning())).append('\n');
        }
        ManPage.files(man);
        man.append(".SH EXAMPLES\nThe file install.sh creates (from examples/moustash\\-redis.ini):\n.PP\n.nf\n")
                .append(ManPage.escape(installedExample.strip())).append("\n.fi\n");
        man.append(".SH SEE ALSO\n\\fBcuir\\fR(1), \\fBfouet\\fR(1), \\fBpanpan\\fR(1)\n");
        return man.toString();
    }

    private static void section(StringBuilder man, String title, String intro, List<Option<?>> options) {
        man.append(".SH ").append(ManPage.escape(title.toUpperCase(java.util.Locale.ROOT))).append('\n')
                .append(ManPage.escape(intro)).append('\n');
        for (Option<?> option : options) {
            man.append(".TP\n\\fB").append(ManPage.escape(option.name())).append("\\fR");
            if (!option.aliases().isEmpty()) {
                man.append(" (also ").append(ManPage.escape(String.join(", ", option.aliases()))).append(')');
            }
            man.append('\n').append(ManPage.escape(option.description()));
            String shown = shown(option.defaultValue());
            if (shown != null && !option.description().contains("Default:")) {
                man.append(ManPage.escape(" Default: " + shown + "."));
            }
            man.append('\n');
        }
    }

    /** The default as the file would spell it; {@code null} when there is none to show. */
    static String shown(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
        }
        if (value instanceof Collection<?> c) {
            // A set's order changes from one JVM to the next; the page must not.
            var values = c.stream().map(String::valueOf);
            return c.isEmpty() ? null : String.join(", ", (c instanceof java.util.Set ? values.sorted() : values).toList());
        }
        if (value instanceof Map<?, ?> m) {
            return m.isEmpty() ? null : m.toString();
        }
        if (value instanceof byte[] bytes) {
            return bytes.length == 0 ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        String text = value.toString();
        return text.isEmpty() ? null : text;
    }
}
