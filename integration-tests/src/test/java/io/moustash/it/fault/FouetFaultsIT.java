package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults met by Fouet, driven as supervisord drives it: every event must be answered OK (delivered
 * or spooled) within {@code publish_timeout}, stdout must carry nothing but the protocol, and every
 * event answered OK must arrive, in supervisord's order, once the broker is back.
 */
class FouetFaultsIT {
    @TempDir
    Path dir;

    @Test
    void brokerDownClosedPort() throws Exception {
        Scenario row = new Scenario(dir, "fouet-down", FouetDriver.ledger());
        try (Redis redis = Redis.on(dir)) {
            Path ini = row.ini(FouetDriver.ini(row, redis.port()));
            try (FouetDriver fouet = FouetDriver.start(row, ini)) {
                for (int serial = 1; serial <= 20; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                redis.start();
                for (int serial = 21; serial <= 25; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                fouet.finish();
                System.out.printf("[figures] fouet-down: slowest answer %d ms%n", fouet.slowestAnswerMillis());
            }
            row.drainAndCheck(row.redisIni(redis.port(), ""), () -> redis.drain(row.key));
        }
    }

    @Test
    void redisPausedWithSigstopMidStream() throws Exception {
        Scenario row = new Scenario(dir, "fouet-sigstop", FouetDriver.ledger());
        try (Redis redis = Redis.on(dir).start()) {
            Path ini = row.ini(FouetDriver.ini(row, redis.port()));
            try (FouetDriver fouet = FouetDriver.start(row, ini)) {
                for (int serial = 1; serial <= 10; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                redis.pause();
                try {
                    for (int serial = 11; serial <= 20; serial++) {
                        fouet.sendOk(row.ledger, "worker", serial);
                    }
                } finally {
                    redis.resume();
                }
                for (int serial = 21; serial <= 30; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                fouet.finish();
                System.out.printf("[figures] fouet-sigstop: slowest answer %d ms%n", fouet.slowestAnswerMillis());
            }
            row.drainAndCheck(row.redisIni(redis.port(), ""), () -> redis.drain(row.key));
        }
    }

    /**
     * A server that accepts and never answers, mid-stream: the first event after it waits
     * redis_timeout, within publish_timeout, and is answered OK; the rest are spooled at once.
     */
    @Test
    void aServerThatAcceptsAndNeverAnswersMidStream() throws Exception {
        Scenario row = new Scenario(dir, "fouet-silent", FouetDriver.ledger());
        java.util.List<String> before = new java.util.ArrayList<>();
        try (Redis redis = Redis.on(dir).start()) {
            Path ini = row.ini(FouetDriver.ini(row, redis.port()));
            try (FouetDriver fouet = FouetDriver.start(row, ini)) {
                for (int serial = 1; serial <= 10; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                before.addAll(redis.drain(row.key)); // Redis is killed: what it holds is read first
                redis.kill();
                try (SilentServer silent = new SilentServer(redis.port())) {
                    for (int serial = 11; serial <= 20; serial++) {
                        fouet.sendOk(row.ledger, "worker", serial);
                    }
                }
                redis.start();
                for (int serial = 21; serial <= 30; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                fouet.finish();
                System.out.printf("[figures] fouet-silent: slowest answer %d ms%n", fouet.slowestAnswerMillis());
            }
            row.drainAndCheck(row.redisIni(redis.port(), ""), before, () -> redis.drain(row.key));
        }
    }

    /** kill -9 of Fouet while the broker is away: every event it answered OK is in the spool, and arrives. */
    @Test
    void killNineOfFouetWhileTheBrokerIsDown() throws Exception {
        Scenario row = new Scenario(dir, "fouet-kill9", FouetDriver.ledger());
        try (Redis redis = Redis.on(dir)) {
            Path ini = row.ini(FouetDriver.ini(row, redis.port()));
            try (FouetDriver fouet = FouetDriver.start(row, ini)) {
                for (int serial = 1; serial <= 20; serial++) {
                    fouet.sendOk(row.ledger, "worker", serial);
                }
                fouet.kill9();
            }
            redis.start();
            row.drainAndCheck(row.redisIni(redis.port(), ""), () -> redis.drain(row.key));
        }
    }

    /**
     * The spool on a full filesystem while the broker is away: Fouet can keep the event nowhere and
     * must answer FAIL within publish_timeout (supervisord then sends it again), not OK; once there is
     * room, the same event is answered OK and arrives.
     */
    @Test
    void spoolOnAFullFilesystemAnswersFail() throws Exception {
        Path fs = StreamFaultsIT.mountSmallTmpfs(dir);
        try {
            Scenario row = new Scenario(dir, "fouet-full", FouetDriver.ledger(),
                    Files.createDirectories(fs.resolve("spool")));
            try (Redis redis = Redis.on(dir)) {
                Path ini = row.ini(FouetDriver.ini(row, redis.port()));
                try (FouetDriver fouet = FouetDriver.start(row, ini)) {
                    fouet.sendOk(row.ledger, "worker", 1);
                    Path filler = fs.resolve("filler");
                    StreamFaultsIT.fill(filler);
                    // The open spool file may still have room in a page it holds: events go on being
                    // kept until it is used up, then nothing can keep one.
                    long serial = 2;
                    String answer = "OK";
                    for (; serial <= 60 && answer.equals("OK"); serial++) {
                        answer = fouet.send("worker", serial);
                        row.ledger.sent("worker", serial, answer.equals("OK"));
                    }
                    long failed = serial - 1;
                    assertEquals("FAIL", answer, "on a full filesystem some event could be kept nowhere; stderr: "
                            + fouet.stderr());
                    Files.delete(filler);
                    fouet.sendOk(row.ledger, "worker", failed); // supervisord sends it again
                    fouet.sendOk(row.ledger, "worker", failed + 1);
                    redis.start();
                    fouet.finish();
                    System.out.printf("[figures] fouet-full: slowest answer %d ms; stderr: %s%n",
                            fouet.slowestAnswerMillis(), fouet.stderr().strip().replace('\n', '|'));
                }
                row.drainAndCheck(row.redisIni(redis.port(), ""), () -> redis.drain(row.key));
            }
        } finally {
            StreamFaultsIT.run("umount", fs.toString());
        }
    }
}
