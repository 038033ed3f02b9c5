package io.moustash.cuir.check.command;

/**
 * A plugin's standard output as Nagios reads it (plugin guidelines, "Plugin output"):
 * <pre>
 * SERVICE STATUS: first line of output | first part of performance data
 * long output, any number of lines | second part of performance data,
 * which may continue on the following lines
 * </pre>
 * The summary is the first line's text before its {@code |}; the performance data is what follows
 * that {@code |} joined with everything after the first {@code |} of the later lines. Immutable.
 *
 * @param summary the first line before {@code |}, trimmed; empty when the plugin wrote nothing there
 */
public record PluginOutput(String summary, Perfdata perfdata) {

    public static PluginOutput parse(String stdout) {
        String text = stdout.replace("\r", "");
        int lineEnd = text.indexOf('\n');
        String first = lineEnd < 0 ? text : text.substring(0, lineEnd);
        String rest = lineEnd < 0 ? "" : text.substring(lineEnd + 1);
        int bar = first.indexOf('|');
        String summary = (bar < 0 ? first : first.substring(0, bar)).trim();
        StringBuilder perf = new StringBuilder(bar < 0 ? "" : first.substring(bar + 1));
        int longBar = rest.indexOf('|');
        if (longBar >= 0) {
            perf.append(' ').append(rest, longBar + 1, rest.length());
        }
        return new PluginOutput(summary, perf.length() == 0 ? Perfdata.NONE : Perfdata.parse(perf.toString()));
    }
}
