package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Makes and finds spool files: what an earlier run leaves in {@code spool_dir} while the broker is away. */
final class Spooled {
    /** A --stdin run's bound after its input ends: a one-shot's, plus the close timeout. */
    static final long STREAM_BOUND = Scenario.ONE_SHOT_BOUND + Scenario.CLOSE_TIMEOUT * 1000L;

    private Spooled() {
    }

    /** One {@code --json} line: event {@code seq} of {@code producer}. */
    static String line(String producer, long seq) {
        return "{\"message\":\"" + producer + " " + seq + "\",\"producer\":\"" + producer + "\",\"seq\":" + seq + "}\n";
    }

    static List<String> streamArgs(Path ini) {
        return List.of("-c", ini.toString(), "--stdin", "--json");
    }

    /**
     * {@code panpan --stdin} sends events {@code from..to} of {@code producer} to a broker that is
     * away: it must exit 0 within its bound, every event kept in the spool.
     */
    static void whileDown(Scenario row, Path ini, String producer, long from, long to) throws Exception {
        try (Tools.Child panpan = Tools.start(row.dir, "panpan", streamArgs(ini))) {
            StringBuilder lines = new StringBuilder();
            for (long seq = from; seq <= to; seq++) {
                lines.append(line(producer, seq));
            }
            panpan.write(lines.toString());
            Tools.Run run = panpan.finish(STREAM_BOUND);
            row.ledger.sent(producer, from, to, !run.timedOut() && run.exit() == 0);
            Scenario.assertWithinBound(run, STREAM_BOUND, "panpan --stdin");
            assertEquals(0, run.exit(), "every line kept in the spool: " + run);
        }
    }

    /** The spool files ({@code *.spool}) in {@code dir}, oldest first. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spool") && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    /** The one spool file a single run left. */
    static Path single(Path dir) throws IOException {
        List<Path> files = files(dir);
        assertEquals(1, files.size(), "one run left one spool file: " + files);
        return files.get(0);
    }
}
