package io.moustash.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.Option;
import io.moustash.testing.DocExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists every option of [moustash] with the default the code has: a table row
 * whose first cells name options (a row may name a RabbitMQ and a Redis option side by side) and
 * whose next cell is the default.
 */
class ConfigurationDocTest {

    @Test
    void everyOptionIsDocumentedWithItsDefault() throws IOException {
        List<String> rows = Files.readAllLines(DocExamples.docs().resolve("configuration.md")).stream()
                .filter(line -> line.startsWith("| `")).toList();
        List<String> names = MoustashSettings.OPTIONS.stream().map(o -> "`" + o.name() + "`").toList();
        List<String> missing = new ArrayList<>();
        for (Option<?> option : MoustashSettings.OPTIONS) {
            String defaultCell = null;
            for (String row : rows) {
                List<String> cells = java.util.Arrays.stream(row.split("\\|")).map(String::trim).skip(1).toList();
                int first = 0;
                while (first < cells.size() && names.contains(cells.get(first))) {
                    first++;
                }
                if (cells.subList(0, first).contains("`" + option.name() + "`") && first < cells.size()) {
                    defaultCell = cells.get(first);
                    break;
                }
            }
            if (defaultCell == null) {
                missing.add(option.name() + ": no table row");
                continue;
            }
            String expected = rendered(option.defaultValue());
            if (expected != null && !defaultCell.contains("`" + expected + "`")) {
                missing.add(option.name() + ": default cell '" + defaultCell + "' should show `" + expected + "`");
            }
        }
        assertTrue(missing.isEmpty(), "docs/configuration.md disagrees with the code: " + missing);
    }

    private static String rendered(Object value) {
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        return null;
    }
}
