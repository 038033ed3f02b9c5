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

/** docs/configuration.md lists every option of [moustash] with the default the code has. */
class ConfigurationDocTest {

    @Test
    void everyOptionIsDocumentedWithItsDefault() throws IOException {
        List<String> rows = Files.readAllLines(DocExamples.docs().resolve("configuration.md")).stream()
                .filter(line -> line.startsWith("| `")).toList();
        List<String> missing = new ArrayList<>();
        for (Option<?> option : MoustashSettings.OPTIONS) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + option.name() + "` |")).findFirst().orElse(null);
            if (row == null) {
                missing.add(option.name() + ": no table row");
                continue;
            }
            String defaultCell = row.split("\\|")[2].trim();
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
