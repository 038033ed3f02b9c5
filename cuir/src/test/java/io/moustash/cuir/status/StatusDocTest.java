package io.moustash.cuir.status;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.schedule.Reload;
import io.moustash.testing.DocExamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --status and reload lines docs/configuration.md shows are the ones the code says, paths and pids aside. */
class StatusDocTest {
    private static final String CONFIG = "/etc/moustash/moustash.ini";
    private static final String FILE = "/var/spool/moustash/cuir-3f0c9a1e5b7d2c48.status";
    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
    @TempDir
    Path dir;

    private List<String> said(Path file, long pid, Instant now) throws Exception {
        if (pid != 0) {
            StatusFile.write(file, new StatusFile.Contents(new StatusFile.Header(pid, ProcessHandle.current().info()
                    .startInstant(), CONFIG, T0, Duration.ofSeconds(5)), List.of()));
        }
        List<String> said = new ArrayList<>();
        StatusQuery.run(file, CONFIG, Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC, new PrintWriter(new StringWriter()),
                said::add);
        return said.stream().map(line -> line.replace(file.toString(), FILE).replace("(pid " + pid + ")", "(pid 4242)"))
                .toList();
    }

    @Test
    void theDocumentedLinesAreTheCodes() throws Exception {
        String doc = Files.readString(DocExamples.docs().resolve("configuration.md"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String userFile = "/root/.local/state/moustash/cuir-3f0c9a1e5b7d2c48.status";
        List<String> lines = new ArrayList<>();
        lines.add(StatusQuery.noFile(CONFIG, List.of(Path.of(FILE), Path.of(userFile)), List.of()));
        lines.addAll(said(dir.resolve("a.status"), ended.pid(), T0));
        lines.addAll(said(dir.resolve("b.status"), ProcessHandle.current().pid(), T0.plusSeconds(16)));
        lines.add("cuir: reloaded " + CONFIG + ": " + new Reload(List.of("db"), List.of("web"), List.of("old"),
                Set.of("a", "b", "c", "d", "e", "f", "g", "h")).summary());
        lines.add(StatusQuery.noFile(CONFIG, List.of(Path.of(FILE), Path.of(userFile.replace("/root", "/home/ops"))),
                List.of(Path.of(FILE).getParent())));
        assertTrue(lines.size() == 5, lines.toString());
        for (String line : lines) {
            assertTrue(doc.contains("\n" + line + "\n") || doc.contains("\n  " + line + "\n"),
                    "docs/configuration.md shows: " + line);
        }
    }
}
