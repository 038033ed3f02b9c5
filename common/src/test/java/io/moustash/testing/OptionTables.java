package io.moustash.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks that a doc's option tables agree with the option constants of the code: every option has
 * a row whose first cells name options (a row may name a RabbitMQ and a Redis option side by side)
 * and whose next cell shows the default the code has. Booleans may be spelled any way the
 * configuration accepts; durations are in seconds.
 */
public final class OptionTables {
    private static final Set<String> TRUE = Set.of("1", "yes", "true", "on");
    private static final Set<String> FALSE = Set.of("0", "no", "false", "off");

    private OptionTables() {
    }

    /**
     * @param heading the doc's section holding the tables (a line such as {@code ## [cuir]}), up to
     *     the next heading of the same level; {@code null} for the whole doc
     */
    public static void assertDocumented(Path doc, String heading, List<Option<?>> options) {
        List<String> rows = rows(doc, heading);
        List<String> names = options.stream().map(o -> "`" + o.name() + "`").toList();
        List<String> wrong = new ArrayList<>();
        for (Option<?> option : options) {
            String defaultCell = null;
            for (String row : rows) {
                List<String> cells = Arrays.stream(row.split("\\|")).map(String::trim).skip(1).toList();
                int first = 0;
                while (first < cells.size() && names.contains(cells.get(first))) {
                    first++;
                }
                if (cells.subList(0, first).contains("`" + option.name() + "`") && first < cells.size()) {
                    defaultCell = cells.get(first).replace("`", "");
                    break;
                }
            }
            if (defaultCell == null) {
                wrong.add(option.name() + ": no table row");
            } else if (!shows(defaultCell, option.defaultValue())) {
                wrong.add(option.name() + ": default cell '" + defaultCell + "' does not show " + option.defaultValue());
            }
        }
        assertTrue(wrong.isEmpty(), doc.getFileName() + (heading == null ? "" : " " + heading)
                + " disagrees with the code: " + wrong);
    }

    private static boolean shows(String cell, Object value) {
        if (value instanceof Boolean b) {
            String first = cell.split("[\\s(]")[0].toLowerCase(java.util.Locale.ROOT);
            return (b ? TRUE : FALSE).contains(first);
        }
        if (value instanceof Duration d) {
            String seconds = d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
            return cell.equals(seconds) || cell.startsWith(seconds + " ");
        }
        if (value instanceof String || value instanceof Number) {
            return cell.contains(value.toString());
        }
        return true;
    }

    private static List<String> rows(Path doc, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (heading != null) {
            int start = lines.indexOf(heading);
            assertTrue(start >= 0, doc + " has no heading " + heading);
            String level = heading.substring(0, heading.indexOf(' ') + 1);
            int end = start + 1;
            while (end < lines.size() && !(lines.get(end).startsWith(level) || isHigher(lines.get(end), level))) {
                end++;
            }
            lines = lines.subList(start, end);
        }
        return lines.stream().filter(line -> line.startsWith("| `")).toList();
    }

    private static boolean isHigher(String line, String level) {
        return line.startsWith("#") && line.indexOf(' ') > 0 && line.indexOf(' ') < level.length() - 1
                && line.substring(0, line.indexOf(' ')).chars().allMatch(c -> c == '#');
    }
}
