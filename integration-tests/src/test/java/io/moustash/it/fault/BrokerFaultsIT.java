package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the Redis broker, each met by one-shot {@code panpan} runs, as a script makes them,
 * which must be accepted (exit 0, the event kept in the spool) within {@code redis_timeout} plus a
 * few seconds; once the fault is healed, a last run delivers the spool and the {@link Ledger}
 * invariant must hold. Each row is a {@link Fault}: what breaks the broker and what heals it.
 */
class BrokerFaultsIT {
    @TempDir
    Path dir;

    /** A row: {@code breakIt} runs with the broker started (unless {@link #startsDown}), {@code heal} restores it. */
    interface Fault {
        void breakIt(Redis redis) throws Exception;

        void heal(Redis redis) throws Exception;

        default boolean startsDown() {
            return false;
        }
    }

    /** Sends {@code events} one-shots through the fault, heals it, drains, checks the invariant. */
    private void oneShotsThrough(String name, int events, Fault fault) throws Exception {
        oneShotsThrough(name, events, false, fault);
    }

    /**
     * The same; with {@code scriptOrder}, the run that drains the spool is the script's next call
     * (producer a), whose event must arrive after the spooled ones; otherwise it is a producer of its
     * own, with no order against them (docs/reliability.md: events of different processes have none).
     */
    private void oneShotsThrough(String name, int events, boolean scriptOrder, Fault fault) throws Exception {
        Path scratch = Files.createDirectories(dir.resolve(name));
        Scenario row = new Scenario(scratch, name);
        try (Redis redis = Redis.on(scratch)) {
            if (!fault.startsDown()) {
                redis.start();
            }
            fault.breakIt(redis);
            Path ini = row.redisIni(redis.port(), "");
            for (int seq = 1; seq <= events; seq++) {
                Tools.Run run = row.accepted(ini, "a", seq);
                assertTrue(run.err().contains("kept in the spool"), "says the event waits in the spool: " + run);
                System.out.printf("[figures] %s: panpan a %d exit %d in %d ms: %s%n", name, seq, run.exit(), run.millis(),
                        run.err().strip().replace('\n', '|'));
            }
            fault.heal(redis);
            if (scriptOrder) {
                row.drainAndCheck(ini, "a", events + 1, List.of(), () -> redis.drain(row.key));
            } else {
                row.drainAndCheck(ini, () -> redis.drain(row.key));
            }
        }
    }

    @Test
    void brokerDownClosedPort() throws Exception {
        oneShotsThrough("closed-port", 1, closedPort());
    }

    /**
     * {@code panpan first} against a closed port; once Redis is up, the script's next call
     * {@code panpan second} delivers the spool: first arrives before second. Three rounds, as the
     * wrong order does not come every time.
     */
    @Test
    void theNextCallAfterTheBrokerIsBackArrivesAfterTheSpooledOne() throws Exception {
        for (int round = 1; round <= 3; round++) {
            oneShotsThrough("next-call-" + round, 1, true, closedPort());
        }
    }

    /** Redis down (its port closed) until healed. */
    private static Fault closedPort() {
        return new Fault() {
            public boolean startsDown() {
                return true;
            }

            public void breakIt(Redis redis) {
            }

            public void heal(Redis redis) throws Exception {
                redis.start();
            }
        };
    }

    /**
     * {@code panpan first; panpan second; panpan third} against a closed port, each run finding
     * the spool its predecessors left; once Redis is up, a fourth run: all four arrive, in order.
     */
    @Test
    void brokerDownWithASpoolLeftByEarlierRuns() throws Exception {
        oneShotsThrough("earlier-runs", 3, true, closedPort());
    }

    /** maxmemory reached with noeviction: every write gets {@code OOM command not allowed}. */
    @Test
    void redisOutOfMemoryRefusesWrites() throws Exception {
        oneShotsThrough("oom", 1, new Fault() {
            public void breakIt(Redis redis) throws Exception {
                redis.cli("SETRANGE", "it:fault:ballast", String.valueOf(2 << 20), "x"); // 2 MiB of zeros
                redis.cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
                redis.cli("CONFIG", "SET", "maxmemory", "1mb");
                String refused = redis.cli("RPUSH", "it:fault:probe", "x");
                assertTrue(refused.contains("OOM"), "Redis refuses writes: " + refused);
            }

            public void heal(Redis redis) throws Exception {
                redis.cli("CONFIG", "SET", "maxmemory", "0");
            }
        });
    }

    /** A read-only replica (of a master that is not there): every write gets {@code READONLY}. */
    @Test
    void redisReadOnlyReplica() throws Exception {
        int nobody = io.moustash.testing.RedisFixture.freePort();
        oneShotsThrough("replica", 1, new Fault() {
            public void breakIt(Redis redis) throws Exception {
                redis.cli("REPLICAOF", "127.0.0.1", String.valueOf(nobody));
                String refused = redis.cli("RPUSH", "it:fault:probe", "x");
                assertTrue(refused.contains("READONLY"), "Redis refuses writes: " + refused);
            }

            public void heal(Redis redis) throws Exception {
                redis.cli("REPLICAOF", "NO", "ONE");
            }
        });
    }

    /** A server that accepts connections and never answers: only redis_timeout ends the wait. */
    @Test
    void aServerThatAcceptsAndNeverAnswers() throws Exception {
        SilentServer[] silent = new SilentServer[1];
        oneShotsThrough("silent", 1, new Fault() {
            public boolean startsDown() {
                return true;
            }

            public void breakIt(Redis redis) throws Exception {
                silent[0] = new SilentServer(redis.port());
            }

            public void heal(Redis redis) throws Exception {
                silent[0].close();
                assertTrue(silent[0].connections() > 0, "panpan did connect to the silent server");
                redis.start();
            }
        });
    }

    /** redis-server stopped with SIGSTOP: connections open, nothing answers; SIGCONT resumes it. */
    @Test
    void redisPausedWithSigstop() throws Exception {
        oneShotsThrough("sigstop", 1, new Fault() {
            public void breakIt(Redis redis) throws Exception {
                redis.pause();
            }

            public void heal(Redis redis) throws Exception {
                redis.resume();
                assertEquals("PONG", redis.cli("PING"));
            }
        });
    }
}
