package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that strike while a tool runs: its spool directory removed, the spool's filesystem full,
 * the tool itself killed with {@code kill -9} in the middle of a {@code panpan --stdin} stream.
 */
class StreamFaultsIT {
    /** How long a row lets a running panpan take in what it was given before the next step. */
    static final long SETTLE_MILLIS = 1_500;

    @TempDir
    Path dir;

    private static String lines(String producer, long from, long to) {
        StringBuilder lines = new StringBuilder();
        for (long seq = from; seq <= to; seq++) {
            lines.append(Spooled.line(producer, seq));
        }
        return lines.toString();
    }

    /**
     * {@code rm -rf spool_dir} while a {@code panpan --stdin} spools (Redis away): the events
     * spooled before are gone with it (the user removed them), but every later one must still be
     * kept and delivered once Redis is back.
     */
    @Test
    void theSpoolDirectoryRemovedWhileTheBrokerIsDown() throws Exception {
        Scenario row = new Scenario(dir, "spool-removed");
        try (Redis redis = Redis.on(dir)) {
            Path ini = row.redisIni(redis.port(), "");
            try (Tools.Child panpan = Tools.start(dir, "panpan", Spooled.streamArgs(ini))) {
                panpan.write(lines("a", 1, 50));
                Thread.sleep(SETTLE_MILLIS);
                assertFalse(Spooled.files(row.spool).isEmpty(), "the first events were spooled");
                deleteTree(row.spool);
                row.ledger.sent("a", 1, 50, true);
                for (int seq = 1; seq <= 50; seq++) {
                    row.ledger.mayBeLost("a", seq);
                }
                panpan.write(lines("a", 51, 100));
                Thread.sleep(SETTLE_MILLIS);
                redis.start();
                panpan.write(lines("a", 101, 150));
                Tools.Run run = panpan.finish(Spooled.STREAM_BOUND);
                row.ledger.sent("a", 51, 150, !run.timedOut() && run.exit() == 0);
                Scenario.assertWithinBound(run, Spooled.STREAM_BOUND, "panpan --stdin");
                assertEquals(0, run.exit(), "every line after the removal kept or delivered: " + run);
                System.out.printf("[figures] spool-removed: panpan --stdin exit %d, stderr: %s%n", run.exit(),
                        run.err().strip().replace('\n', '|'));
            }
            row.drainAndCheck(ini, () -> redis.drain(row.key));
        }
    }

    /**
     * The spool on a full filesystem (a 256 KiB tmpfs, filled) while Redis is away: panpan cannot
     * keep the event and must say so and exit non-zero within its bound, not claim it kept it. Once
     * there is room again the next event is kept, and delivered when Redis is back.
     */
    @Test
    void theSpoolOnAFullFilesystem() throws Exception {
        Path fs = mountSmallTmpfs(dir);
        try {
            Scenario row = new Scenario(dir, "full-fs", new Ledger(), Files.createDirectories(fs.resolve("spool")));
            try (Redis redis = Redis.on(dir)) {
                Path ini = row.redisIni(redis.port(), "");
                Path filler = fs.resolve("filler");
                fill(filler);
                Tools.Run full = row.oneShot(ini, "a", 1);
                assertTrue(full.exit() != 0, "nothing could be kept, and panpan says so: " + full);
                assertTrue(full.err().contains("spool"), "the message names the spool: " + full);
                System.out.printf("[figures] full-fs: panpan exit %d in %d ms: %s%n", full.exit(), full.millis(),
                        full.err().strip().replace('\n', '|'));
                Files.delete(filler);
                row.accepted(ini, "a", 2);
                redis.start();
                row.drainAndCheck(ini, () -> redis.drain(row.key));
            }
        } finally {
            run("umount", fs.toString());
        }
    }

    /**
     * {@code kill -9} of a {@code panpan --stdin} in the middle of a stream: 300 events delivered,
     * Redis killed, 300 more spooled, then panpan killed. Everything it had taken in (spooled, with
     * fsync, well before the kill) arrives once Redis is back and the next run delivers the spool.
     */
    @Test
    void killNineOfPanpanStdinMidStream() throws Exception {
        Scenario row = new Scenario(dir, "kill9-panpan");
        try (Redis redis = Redis.on(dir).start()) {
            Path ini = row.redisIni(redis.port(), "");
            List<String> before = new ArrayList<>();
            try (Tools.Child panpan = Tools.start(dir, "panpan", Spooled.streamArgs(ini))) {
                panpan.write(lines("a", 1, 300));
                row.ledger.sent("a", 1, 300, true);
                try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
                    before.addAll(logstash.await(row.key, 300, java.time.Duration.ofSeconds(20)));
                }
                assertEquals(300, before.size(), "the first 300 events were delivered");
                redis.kill();
                panpan.write(lines("a", 301, 600));
                Thread.sleep(2 * SETTLE_MILLIS);
                assertTrue(panpan.process.isAlive(), "panpan is still reading its stdin");
                panpan.kill9();
                row.ledger.sent("a", 301, 600, true);
            }
            redis.start();
            row.drainAndCheck(ini, before, () -> redis.drain(row.key));
        }
    }

    static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1024; i++) { // far more than 256 KiB: the loop ends at ENOSPC
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            return;
        }
        throw new IllegalStateException("the tmpfs did not fill up");
    }

    /**
     * A 256 KiB tmpfs at DIR/fs, which the caller unmounts. Skips the row, with the reason, where
     * it cannot be mounted: not root, or a container without CAP_SYS_ADMIN.
     */
    static Path mountSmallTmpfs(Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: mounting a tmpfs needs root");
        Path fs = Files.createDirectories(dir.resolve("fs"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", fs.toString())
                .redirectErrorStream(true).start();
        assertTrue(mount.waitFor(20, TimeUnit.SECONDS), "mount ends");
        assumeTrue(mount.exitValue() == 0, "skipped: cannot mount a tmpfs here: "
                + new String(mount.getInputStream().readAllBytes()).strip());
        return fs;
    }

    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), String.join(" ", command) + " ends");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": "
                + new String(process.getInputStream().readAllBytes()));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
