package io.moustash.panpan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.testing.DocExamples;
import io.moustash.testing.LogstashDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PanPan examples of docs/events.md, each produced by running the command line shown above it
 * with --dry-run; a change in the event shape fails here until the doc is updated.
 */
class PanPanDocsTest {
    @TempDir
    Path dir;

    private JsonNode dryRun(String... args) throws IOException {
        Path config = Files.writeString(dir.resolve("moustash.ini"), "[moustash]\nhostname = web1\n");
        Run run = Run.with(new ByteArrayInputStream(new byte[0]), Run.FIXED,
                PanPanTest.prepend("-c", config.toString(), PanPanTest.prepend("--dry-run", "-q", args)));
        assertEquals(0, run.exit(), run.toString());
        return LogstashDocuments.parse(run.out().strip());
    }

    private static void check(String name, JsonNode document, String format) throws IOException {
        LogstashDocuments.assertValid(document.toString(), format);
        DocExamples.check(DocExamples.docs().resolve("events.md"), name,
                LogstashDocuments.pretty(document));
    }

    @Test
    void oneShotInEcs() throws IOException {
        check("panpan-ecs", dryRun("-n", "-T", "deploy", "-p", "shop", "-s", "ci-runner-3",
                "-f", "version=42", "-f", "canary=false", "shop deployed to production"), "ecs");
    }

    @Test
    void originalFormInLegacy() throws IOException {
        check("panpan-legacy", dryRun("--format", "legacy", "disk full", "df", "db1", "True"), "legacy");
    }

    @Test
    void jsonMerged() throws IOException {
        check("panpan-json", dryRun("--json", "-T", "app",
                "{\"message\":\"payment failed\",\"log\":{\"level\":\"error\"},\"order\":1234,"
                        + "\"event\":{\"action\":\"charge\"}}"), "ecs");
    }
}
