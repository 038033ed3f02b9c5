package io.moustash.panpan;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a plain one-shot, {@code panpan [options] MESSAGE}, read without picocli.
 * Building picocli's command model costs about 100 ms at every start, as long as a whole Python
 * one-shot (docs/benchmarks.md, Fast start); a call from a script or cron job needs none of it.
 *
 * <p>Only the plainest spelling is taken: each option written out alone ({@code -t TYPE},
 * {@code --type TYPE}, {@code --type=TYPE}), each single-valued option and flag at most once,
 * no value and no message starting with {@code -}. Anything else ({@code --help},
 * {@code --version}, {@code --stdin}, {@code -} for stdin, clustered flags {@code -qn},
 * {@code -tTYPE}, {@code --}, an unknown option, a repeat, no message) is declined, and picocli
 * reads the command line as before, with its own messages. What is taken gives exactly the fields
 * picocli would set (PanPanQuickArgumentsTest checks both against the same command lines, and
 * these tables against picocli's model).
 */
final class QuickArguments {
    /** Flags (no value), each option's names together. */
    static final String[][] FLAGS = {{"-q", "--quiet"}, {"-n", "--notify"}, {"-v", "--verbose"}, {"--json"}, {"--dry-run"}};
    /** Options that take one value, once. */
    static final String[][] VALUED = {{"-t", "--type"}, {"-p", "--program"}, {"-s", "--source"}, {"--hostname"},
        {"-c", "--config"}, {"--transport"}, {"--format"}};
    /** Options that take one value and may be repeated. */
    static final String[][] REPEATED = {{"-T", "--tag"}, {"-f", "--field"}};

    private static final int QUIET = 0, NOTIFY = 1, VERBOSE = 2, JSON = 3, DRY_RUN = 4;
    private static final int TYPE = 0, PROGRAM = 1, SOURCE = 2, HOSTNAME = 3, CONFIG = 4, TRANSPORT = 5, FORMAT = 6;
    private static final int TAG = 0, FIELD = 1;

    private QuickArguments() {
    }

    /**
     * Sets {@code command}'s fields from {@code args} and returns true; or returns false and leaves
     * {@code command} untouched (picocli then takes the command line).
     */
    static boolean fill(PanPan command, String[] args) {
        // Read into locals first: picocli takes a command's field values as their defaults.
        boolean[] flags = new boolean[FLAGS.length];
        String[] single = new String[VALUED.length];
        List<String> tags = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                positional.add(arg);
                continue;
            }
            int flag = option(FLAGS, arg);
            if (flag >= 0) {
                if (flags[flag]) {
                    return false;
                }
                flags[flag] = true;
                continue;
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                value = args[++i];
            } else {
                return false;
            }
            int valued = option(VALUED, name);
            int repeated = option(REPEATED, name);
            if (valued >= 0 && single[valued] == null) {
                single[valued] = value;
            } else if (repeated == TAG) {
                tags.add(value);
            } else if (repeated == FIELD) {
                fields.add(value);
            } else {
                return false;
            }
        }
        if (positional.isEmpty()) {
            return false;
        }
        Path config = null;
        if (single[CONFIG] != null) {
            try {
                config = Path.of(single[CONFIG]);
            } catch (InvalidPathException e) {
                return false;
            }
        }
        command.quickFill(positional, single[TYPE], tags, single[PROGRAM], single[SOURCE], fields, flags[NOTIFY],
                single[HOSTNAME], config, flags[VERBOSE], single[TRANSPORT], single[FORMAT], flags[JSON], flags[QUIET],
                flags[DRY_RUN]);
        return true;
    }

    /** The index of the option {@code name} names in {@code options}, or -1. */
    private static int option(String[][] options, String name) {
        for (int i = 0; i < options.length; i++) {
            for (String spelling : options[i]) {
                if (spelling.equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
