package io.moustash.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.moustash.config.IniDocument;
import io.moustash.testing.DocExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every example file's [moustash] section loads without an error or a warning. */
class ExamplesTest {

    @Test
    void everyExampleLoadsCleanly() throws IOException {
        Path examples = DocExamples.docs().getParent().resolve("examples");
        List<Path> files;
        try (Stream<Path> listing = Files.list(examples)) {
            files = listing.filter(p -> p.toString().endsWith(".ini")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            List<String> warnings = new ArrayList<>();
            MoustashSettings.read(IniDocument.load(file), warnings::add);
            assertEquals(List.of(), warnings, file.toString());
        }
    }
}
