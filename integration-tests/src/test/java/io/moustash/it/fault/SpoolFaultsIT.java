package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the spool: files damaged or made unusable between an earlier run that spooled (the
 * broker away) and the next run (the broker back). The next run must deliver every record that
 * is still whole, warn about the rest, and exit within its bound; the {@link Ledger} invariant
 * holds with only the damaged records excused.
 */
class SpoolFaultsIT {
    static final int EVENTS = 100;

    @TempDir
    Path dir;

    /** An earlier run spooled events 1..100 of producer a; {@code damage} is done to the spool; then the broker comes back. */
    private Ledger.Outcome afterDamage(String name, Damage damage) throws Exception {
        return afterDamage(name, "", damage);
    }

    private Ledger.Outcome afterDamage(String name, String extraIni, Damage damage) throws Exception {
        Scenario row = new Scenario(dir, name);
        try (Redis redis = Redis.on(dir)) {
            Path ini = row.redisIni(redis.port(), extraIni);
            Spooled.whileDown(row, ini, "a", 1, EVENTS);
            damage.apply(row, Spooled.single(row.spool));
            redis.start();
            return row.drainAndCheck(ini, () -> redis.drain(row.key));
        } finally {
            damage.undo(row);
        }
    }

    interface Damage {
        void apply(Scenario row, Path file) throws Exception;

        default void undo(Scenario row) throws Exception {
        }
    }

    @Test
    void aTruncatedSpoolFile() throws Exception {
        afterDamage("truncated", (row, file) -> {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() - 7);
            }
            row.ledger.mayBeLost("a", EVENTS);
        });
    }

    @Test
    void aFileOfGarbageNamedLikeASpoolFile() throws Exception {
        afterDamage("garbage", (row, file) -> {
            byte[] garbage = new byte[4096];
            new Random(12).nextBytes(garbage);
            Files.write(row.spool.resolve("0000000000001-1-000001.spool"), garbage);
        });
    }

    @Test
    void flippedBytesInTheMiddleOfASpoolFile() throws Exception {
        Ledger.Outcome outcome = afterDamage("flipped", (row, file) -> {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                long middle = raf.length() / 2;
                for (long at = middle; at < middle + 4; at++) {
                    raf.seek(at);
                    int b = raf.read();
                    raf.seek(at);
                    raf.write(b ^ 0xFF);
                }
            }
            for (int seq = 1; seq <= EVENTS; seq++) {
                row.ledger.mayBeLost("a", seq);
            }
        });
        assertTrue(outcome.distinct() >= EVENTS, "only the damaged record is lost: " + outcome.distinct() + " distinct"
                + " events arrived of " + EVENTS + " and the drain's own");
    }

    /**
     * The spool file is immutable ({@code chattr +i}): even root cannot write, lock or delete it, so
     * delivering it would mean sending it again at every run. The next run says so in one line
     * naming the file, leaves it whole, and is not held up by it; once the administrator clears the
     * flag, the run after that delivers it.
     */
    @Test
    void anUnwritableSpoolFile() throws Exception {
        Scenario row = new Scenario(dir, "unwritable");
        Path file = null;
        try (Redis redis = Redis.on(dir)) {
            Path ini = row.redisIni(redis.port(), "");
            Spooled.whileDown(row, ini, "a", 1, EVENTS);
            file = Spooled.single(row.spool);
            Process chattr = new ProcessBuilder("chattr", "+i", file.toString()).redirectErrorStream(true).start();
            assertTrue(chattr.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "chattr ends");
            assumeTrue(chattr.exitValue() == 0, "skipped: cannot make a file immutable here (root on a filesystem"
                    + " with chattr +i, such as ext4, is needed): " + new String(chattr.getInputStream().readAllBytes()).strip());
            long size = Files.size(file);
            redis.start();
            // -v: a one-shot's stderr carries the spool's warnings only when asked (a daemon's log always does).
            Tools.Run run = Tools.panpan(row.dir, Scenario.ONE_SHOT_BOUND, "-v", "-c", ini.toString(),
                    "-f", "producer=b", "-f", "seq=1", "b 1");
            row.ledger.sent("b", 1, !run.timedOut() && run.exit() == 0);
            assertEquals(0, run.exit(), "accepted: " + run);
            assertTrue(run.err().contains(file.getFileName().toString()), "the file is named on stderr: " + run);
            assertEquals(size, Files.size(file), "left whole on disk");
            chattr("-i", file);
            file = null;
            row.drainAndCheck(ini, () -> redis.drain(row.key));
        } finally {
            if (file != null) {
                chattr("-i", file);
            }
        }
    }

    /**
     * Where the delivery progress goes ({@code NAME.ack}) is a directory: writing it fails every
     * time. Batches of 10, so that the file is delivered in ten steps, each recorded there.
     */
    @Test
    void anAckThatCannotBeWritten() throws Exception {
        Ledger.Outcome outcome = afterDamage("ack", "delivery_batch_size = 10\n", (row, file) ->
                Files.createDirectory(file.resolveSibling(file.getFileName() + ".ack")));
        assertTrue(outcome.duplicates() < EVENTS, "each event is sent a bounded number of times: " + outcome);
    }

    /** A directory named like a spool file: it cannot be opened as one. */
    @Test
    void anEntryThatCannotBeOpened() throws Exception {
        afterDamage("unopenable", (row, file) ->
                Files.createDirectory(row.spool.resolve("0000000000001-1-000001.spool")));
    }

    private static void chattr(String flag, Path file) throws Exception {
        Process chattr = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        assertTrue(chattr.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "chattr ends");
        assertEquals(0, chattr.exitValue(), "chattr " + flag + " " + file + ": "
                + new String(chattr.getInputStream().readAllBytes()));
    }
}
