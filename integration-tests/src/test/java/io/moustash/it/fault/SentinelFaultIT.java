package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.testing.RedisFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis Sentinel failover (Debian's redis-sentinel): a master, a replica and one sentinel on free
 * ports; the master is killed in the middle of a {@code panpan --stdin} stream; the sentinel
 * promotes the replica and the stream goes on to the new master, every event there, in order.
 */
class SentinelFaultIT {
    static final String MASTER_NAME = "mymaster";

    @TempDir
    Path dir;

    private static String lines(long from, long to) {
        StringBuilder lines = new StringBuilder();
        for (long seq = from; seq <= to; seq++) {
            lines.append(Spooled.line("a", seq));
        }
        return lines.toString();
    }

    private static void await(String what, long millis, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + millis + " ms");
            Thread.sleep(100);
        }
    }

    private static String quietly(int port, String... args) {
        try {
            return Redis.cli(port, args);
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void theMasterKilledMidStreamFailsOverToTheReplica() throws Exception {
        Scenario row = new Scenario(dir, "sentinel");
        try (Redis master = Redis.on(dir).start()) {
            int sentinelPort = RedisFixture.freePort();
            try (Redis replica = Redis.on(dir, "--replicaof", "127.0.0.1", String.valueOf(master.port())).start();
                    Sentinel sentinel = new Sentinel(dir, sentinelPort, master.port())) {
                await("the replica is in sync", 20_000,
                        () -> quietly(replica.port(), "INFO", "replication").contains("master_link_status:up"));
                await("the sentinel knows the replica", 20_000,
                        () -> quietly(sentinelPort, "SENTINEL", "REPLICAS", MASTER_NAME).contains(String.valueOf(replica.port())));
                Path ini = row.ini("[moustash]\ntransport = redis\nredis_url = redis-sentinel://127.0.0.1:" + sentinelPort
                        + "/0#" + MASTER_NAME + "\nredis_namespace = " + row.key + "\nredis_timeout = "
                        + Scenario.BROKER_TIMEOUT + "\n" + row.common());
                try (Tools.Child panpan = Tools.start(dir, "panpan", Spooled.streamArgs(ini))) {
                    panpan.write(lines(1, 200));
                    // Replication is asynchronous: what the master took but had not passed on when it
                    // died is lost by Redis, not by Moustash. Kill it only once the replica has it all.
                    await("the first 200 events reach the replica", 20_000,
                            () -> quietly(replica.port(), "LLEN", row.key).equals("200"));
                    master.kill();
                    panpan.write(lines(201, 400));
                    await("the sentinel promotes the replica", 30_000,
                            () -> quietly(sentinelPort, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)
                                    .contains(String.valueOf(replica.port())));
                    panpan.write(lines(401, 500));
                    // The stream goes on to the new master by itself, the spooled events first: no
                    // later run is needed for them.
                    await("the running panpan delivers all 500 events to the new master", 15_000,
                            () -> quietly(replica.port(), "LLEN", row.key).equals("500"));
                    Tools.Run run = panpan.finish(Spooled.STREAM_BOUND);
                    row.ledger.sent("a", 1, 500, !run.timedOut() && run.exit() == 0);
                    Scenario.assertWithinBound(run, Spooled.STREAM_BOUND, "panpan --stdin");
                    assertEquals(0, run.exit(), "every line delivered or kept: " + run);
                    System.out.printf("[figures] sentinel: panpan --stdin exit %d %d ms after its input ended, stderr: %s%n", run.exit(),
                            run.millis(), run.err().strip().replace('\n', '|'));
                }
                row.drainAndCheck(ini, () -> replica.drain(row.key));
            }
        }
    }

    /** redis-sentinel watching one master, quorum 1, declaring it down after a second. */
    private static final class Sentinel implements AutoCloseable {
        private final Process process;

        Sentinel(Path scratch, int port, int masterPort) throws IOException, InterruptedException {
            Path dir = Files.createTempDirectory(scratch, "sentinel");
            Path conf = dir.resolve("sentinel.conf");
            Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndaemonize no\ndir " + dir + "\nlogfile "
                    + dir.resolve("sentinel.log") + "\nsentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 1\n"
                    + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
                    + "sentinel failover-timeout " + MASTER_NAME + " 10000\n", StandardCharsets.UTF_8);
            process = new ProcessBuilder("redis-sentinel", conf.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Redis.listening(port)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("redis-sentinel did not start on " + port + "; see " + dir);
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
