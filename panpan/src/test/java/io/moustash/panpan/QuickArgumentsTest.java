package io.moustash.panpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one-shot's command line read without picocli: what it takes gives exactly the fields picocli
 * gives; what it declines (picocli then reads it) is declined before anything is set; and its
 * tables name every option of picocli's model with the same arity, so that the two cannot drift.
 */
class QuickArgumentsTest {
    /** Options the quick path leaves to picocli on purpose. */
    private static final Set<String> LEFT_TO_PICOCLI = Set.of("-h", "--help", "-V", "--version", "--stdin");

    private static List<String[]> taken() {
        return List.of(
                args("x"),
                args("deploy done"),
                args("-q", "-c", "/etc/moustash/moustash.ini", "x"),
                args("--quiet", "--config", "/tmp/m.ini", "x"),
                args("--config=/tmp/m.ini", "--type=backup", "x"),
                args("x", "-q"),
                args("-n", "-T", "backup", "-T", "nightly", "-f", "duration_s=42", "-f", "ok=true", "backup failed"),
                args("--notify", "--tag", "a", "--field", "k=v", "m"),
                args("-t", "deploy", "-p", "app", "-s", "web-1", "--hostname", "h1", "x"),
                args("--transport", "redis", "--format", "legacy", "--json", "{\"a\":1}"),
                args("--dry-run", "-v", "x"),
                args("--hostname=", "x"),
                args("--type=", "x"),
                args("message", "program", "source", "True"),
                args("@channel deploy done"),
                args("-f", "a=b=c", "x"),
                args("x", "y"),
                args("café ☕"));
    }

    private static List<String[]> declined() {
        return List.of(
                args(),
                args("-q"),
                args("-h"),
                args("--help"),
                args("-V"),
                args("--version"),
                args("--stdin"),
                args("-"),
                args("--", "--stdin"),
                args("-qn", "x"),
                args("-tdeploy", "x"),
                args("-t=deploy", "x"),
                args("--quiet=true", "x"),
                args("-q", "-q", "x"),
                args("-t", "a", "-t", "b", "x"),
                args("--type", "a", "-t", "b", "x"),
                args("-t", "-q", "x"),
                args("-t"),
                args("x", "-c"),
                args("--unknown", "x"),
                args("-x", "x"),
                args("x", "-5"),
                args("--typ", "a", "x"),
                args("-c", "bad\u0000path", "x"));
    }

    private static String[] args(String... args) {
        return args;
    }

    @Test
    void whatItTakesGivesTheFieldsPicocliGives() {
        for (String[] args : taken()) {
            PanPan quick = new PanPan();
            assertTrue(QuickArguments.fill(quick, args), "taken: " + List.of(args));
            PanPan picocli = new PanPan();
            PanPan.commandLine(picocli).parseArgs(args);
            assertEquals(fields(picocli), fields(quick), "the fields of " + List.of(args));
        }
    }

    @Test
    void whatItDeclinesItLeavesUntouched() {
        for (String[] args : declined()) {
            PanPan command = new PanPan();
            Map<String, Object> before = fields(command);
            assertFalse(QuickArguments.fill(command, args), "declined: " + List.of(args));
            assertEquals(before, fields(command), "untouched by " + List.of(args));
        }
    }

    @Test
    void itsTablesAreExactlyPicocliOptions() {
        CommandLine line = new CommandLine(new PanPan());
        Set<String> quick = new TreeSet<>();
        for (String[][] table : List.of(QuickArguments.FLAGS, QuickArguments.VALUED, QuickArguments.REPEATED)) {
            for (String[] names : table) {
                OptionSpec option = line.getCommandSpec().findOption(names[0]);
                assertEquals(sorted(option.names()), sorted(names), "the names of " + names[0]);
                boolean flag = table == QuickArguments.FLAGS;
                assertEquals(flag ? 0 : 1, option.arity().max(), "the arity of " + names[0]);
                assertEquals(table == QuickArguments.REPEATED, option.isMultiValue(), "repeatable: " + names[0]);
                quick.addAll(List.of(names));
            }
        }
        Set<String> picocli = new TreeSet<>();
        for (OptionSpec option : line.getCommandSpec().options()) {
            picocli.addAll(List.of(option.names()));
        }
        picocli.removeAll(LEFT_TO_PICOCLI);
        assertEquals(picocli, quick);
    }

    private static List<String> sorted(String[] names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(null);
        return list;
    }

    /** Every field picocli may set, by name. */
    private static Map<String, Object> fields(PanPan command) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("positional", command.positional);
        fields.put("type", command.type);
        fields.put("tags", command.tags);
        fields.put("program", command.program);
        fields.put("source", command.source);
        fields.put("fields", command.fields);
        fields.put("notify", command.notify);
        fields.put("hostname", command.hostname);
        fields.put("config", command.config == null ? null : command.config.config());
        fields.put("verbose", command.config != null && command.config.verbose());
        fields.put("transport", command.transport);
        fields.put("format", command.format);
        fields.put("stdin", command.stdin);
        fields.put("json", command.json);
        fields.put("quiet", command.quiet);
        fields.put("dryRun", command.dryRun);
        return fields;
    }
}
