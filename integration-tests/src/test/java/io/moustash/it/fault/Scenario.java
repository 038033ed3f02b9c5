package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One row's world: its scratch directory, its spool, its Redis list, what it sent (the
 * {@link Ledger}), and the bounds every run is held to. The bounds: a one-shot {@code panpan}
 * exits within the broker's timeout plus {@link #SLACK_MILLIS} (a JVM start and a close on a
 * loaded two-core machine); Fouet answers each event within its {@code publish_timeout}.
 */
final class Scenario {
    /** redis_timeout and rabbitmq_timeout of every row, in seconds. */
    static final int BROKER_TIMEOUT = 2;
    /** What a run may take beyond the broker's timeout: starting the JVM, closing. */
    static final long SLACK_MILLIS = 5_000;
    /** A one-shot panpan's bound. */
    static final long ONE_SHOT_BOUND = BROKER_TIMEOUT * 1000L + SLACK_MILLIS;
    /** delivery_close_timeout of every row: how long a stopping tool may keep sending. */
    static final int CLOSE_TIMEOUT = 5;
    /** How long a row waits for everything to arrive once the broker is restored. */
    static final long ARRIVAL_MILLIS = 15_000;

    final Path dir;
    final Path spool;
    final String key;
    final Ledger ledger;

    Scenario(Path dir, String name) {
        this(dir, name, new Ledger());
    }

    Scenario(Path dir, String name, Ledger ledger) {
        this(dir, name, ledger, dir.resolve("spool"));
    }

    Scenario(Path dir, String name, Ledger ledger, Path spool) {
        this.dir = dir;
        this.spool = spool;
        this.key = "it:fault:" + name;
        this.ledger = ledger;
    }

    /** The [moustash] section for a Redis on {@code port}, with this row's spool and short delays. */
    Path redisIni(int port, String extra) throws IOException {
        return ini("[moustash]\ntransport = redis\nredis_host = 127.0.0.1\nredis_port = " + port + "\nredis_namespace = "
                + key + "\nredis_timeout = " + BROKER_TIMEOUT + "\n" + common() + extra);
    }

    String common() {
        return "spool_dir = " + spool + "\nreconnect_delay = 0.05\nreconnect_max_delay = 0.5\ndelivery_close_timeout = "
                + CLOSE_TIMEOUT + "\n";
    }

    Path ini(String text) throws IOException {
        Path ini = Files.createTempFile(dir, "moustash", ".ini");
        Files.writeString(ini, text, StandardCharsets.UTF_8);
        return ini;
    }

    /**
     * {@code panpan -c INI -f producer=P -f seq=N "P N"}, held to its bound; the ledger records it,
     * accepted when it exited 0. A non-zero exit must say why on stderr.
     */
    Tools.Run oneShot(Path ini, String producer, long seq) throws Exception {
        Tools.Run run = Tools.panpan(dir, ONE_SHOT_BOUND, "-c", ini.toString(), "-f", "producer=" + producer,
                "-f", "seq=" + seq, producer + " " + seq);
        ledger.sent(producer, seq, !run.timedOut() && run.exit() == 0);
        assertWithinBound(run, ONE_SHOT_BOUND, "panpan " + producer + " " + seq);
        assertTrue(run.exit() == 0 || lastLine(run.err()).startsWith("panpan: "), "a failure says why on stderr: " + run);
        assertEquals("", run.out(), "nothing on stdout");
        return run;
    }

    /** Asserts {@code panpan producer seq} was accepted: exit 0 (delivered, or kept in the spool). */
    Tools.Run accepted(Path ini, String producer, long seq) throws Exception {
        Tools.Run run = oneShot(ini, producer, seq);
        assertEquals(0, run.exit(), "accepted (delivered or spooled): " + run);
        return run;
    }

    /** The tool's own closing line; a warning of the spool (said once per outage) may come before it. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    static void assertWithinBound(Tools.Run run, long boundMillis, String what) {
        assertFalse(run.timedOut(), what + " did not exit within its bound of " + boundMillis + " ms and was killed: " + run);
        assertTrue(run.millis() <= boundMillis, what + " took " + run.millis() + " ms, over its bound of " + boundMillis);
    }

    /**
     * The broker is restored: a last {@code panpan} (its own producer, "drain") runs with the same
     * spool and must be accepted within its bound; then everything that arrives within
     * {@link #ARRIVAL_MILLIS} is checked against the invariant.
     */
    Ledger.Outcome drainAndCheck(Path ini, Supplier<List<String>> read) throws Exception {
        return drainAndCheck(ini, List.of(), read);
    }

    /** The same, with {@code earlier} documents read from the broker before the fault. */
    Ledger.Outcome drainAndCheck(Path ini, List<String> earlier, Supplier<List<String>> read) throws Exception {
        return drainAndCheck(ini, "drain", 1, earlier, read);
    }

    /**
     * The same, the last run sending event {@code seq} of {@code producer}: a script's next
     * {@code panpan}, whose event must arrive after those its earlier calls left in the spool.
     */
    Ledger.Outcome drainAndCheck(Path ini, String producer, long seq, List<String> earlier, Supplier<List<String>> read)
            throws Exception {
        Tools.Run drain = accepted(ini, producer, seq);
        List<String> documents = new ArrayList<>(earlier);
        long deadline = System.nanoTime() + ARRIVAL_MILLIS * 1_000_000;
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            documents.addAll(read.get());
            try {
                Ledger.Outcome outcome = ledger.check(documents);
                System.out.printf("[figures] %s: %d documents, %d distinct, %d duplicates; drain run %d ms, stderr: %s%n",
                        key, outcome.documents(), outcome.distinct(), outcome.duplicates(), drain.millis(),
                        drain.err().strip().replace('\n', '|'));
                return outcome;
            } catch (AssertionError e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError(last.getMessage() + "\nthe drain run: " + drain, last);
    }
}
