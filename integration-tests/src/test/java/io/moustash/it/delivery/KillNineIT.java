package io.moustash.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.testing.LogstashRedisReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 a publishing process in the middle of a stream, while Redis is away so that it is
 * spooling, then run the publisher again: every event the killed process had accepted arrives.
 */
class KillNineIT {
    static final String KEY = "it:delivery:kill";

    @TempDir
    Path work;

    @Test
    void everyAcceptedEventOfAKilledProcessArrivesAfterTheNextRun() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess()) {
            Path ini = work.resolve("moustash.ini");
            Files.writeString(ini, DeliveryIni.redis(redis.port(), KEY, work.resolve("spool"), "delivery_close_timeout = 30\n"));
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            Process first = PublishingChild.command(ini, 0, 50_000, 5_000)
                    .redirectError(work.resolve("first.err").toFile()).start();
            try (BufferedReader acks = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
                boolean stopped = false;
                for (String line = acks.readLine(); line != null; line = acks.readLine()) {
                    if (line.startsWith("ack ")) {
                        accepted.add(Integer.parseInt(line.split(" ")[1]));
                    }
                    if (!stopped && accepted.size() >= 3_000) {
                        redis.stop(); // from here the child spools
                        stopped = true;
                    }
                    if (accepted.size() >= 8_000) {
                        first.destroyForcibly(); // SIGKILL: no shutdown hook, no close, maybe a torn record
                        break;
                    }
                }
            } finally {
                first.destroyForcibly();
                first.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(accepted.size() >= 8_000, "the child accepted events before it was killed: " + accepted.size()
                    + "; its stderr: " + Files.readString(work.resolve("first.err")));

            redis.start();
            Process second = PublishingChild.command(ini, 1_000_000, 100, 1_000)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(work.resolve("second.err").toFile()).start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second run ends");
            assertEquals(0, second.exitValue(), Files.readString(work.resolve("second.err")));

            List<Integer> firstRun = new ArrayList<>();
            Set<Integer> secondRun = new HashSet<>();
            int duplicates = 0;
            try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
                Set<Integer> seen = new HashSet<>();
                for (String document : logstash.drain(KEY)) {
                    int n = Integer.parseInt(BrokerRestartContract.message(document).substring(6));
                    if (!seen.add(n)) {
                        duplicates++;
                    } else if (n >= 1_000_000) {
                        secondRun.add(n);
                    } else {
                        firstRun.add(n);
                    }
                }
            }
            Set<Integer> missing = new HashSet<>(accepted);
            missing.removeAll(firstRun);
            assertEquals(Set.of(), missing, "every event the killed process had accepted arrived");
            List<Integer> sorted = new ArrayList<>(firstRun);
            sorted.sort(null);
            assertEquals(sorted, firstRun, "in the order it published them");
            assertEquals(100, secondRun.size(), "the second run's own events arrived too");
            System.out.printf("[figures] kill -9: %d events accepted before the kill, %d of the killed run arrived "
                    + "(accepted or not), %d duplicates; second run's stderr: %s%n", accepted.size(), firstRun.size(),
                    duplicates, Files.readString(work.resolve("second.err")).strip().replace('\n', '|'));
        }
    }
}
