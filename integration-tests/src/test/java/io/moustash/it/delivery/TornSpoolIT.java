package io.moustash.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.testing.LogstashRedisReader;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool file cut in the middle of a record, as a crash during a write leaves it. */
class TornSpoolIT {
    static final String KEY = "it:delivery:torn";

    @TempDir
    Path work;

    @Test
    void theTornRecordIsSkippedWithAWarningAndTheRestDelivered() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess()) {
            redis.stop();
            Path spool = work.resolve("spool");
            Path ini = work.resolve("moustash.ini");
            Files.writeString(ini, DeliveryIni.redis(redis.port(), KEY, spool, "delivery_close_timeout = 20\n"));
            Process first = PublishingChild.command(ini, 0, 1000, 100_000).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(work.resolve("first.err").toFile()).start();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));

            Path file;
            try (Stream<Path> files = Files.list(spool)) {
                file = files.filter(p -> p.toString().endsWith(".spool")).sorted().reduce((a, b) -> b).orElseThrow();
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(raf.length() - 7);
            }

            redis.start();
            Process second = PublishingChild.command(ini, 5000, 0, 1).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(work.resolve("second.err").toFile()).start();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            String stderr = Files.readString(work.resolve("second.err"));
            assertTrue(stderr.contains("torn record") && stderr.contains(file.getFileName().toString()), stderr);
            List<String> messages = new ArrayList<>();
            try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
                logstash.drain(KEY).forEach(d -> messages.add(BrokerRestartContract.message(d)));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 999; i++) {
                expected.add("event " + i);
            }
            assertEquals(expected, messages, "all but the torn last record, in order");
            System.out.println("[figures] torn spool: warning on stderr: "
                    + stderr.lines().filter(l -> l.contains("torn record")).findFirst().orElse(""));
        }
    }
}
