package io.moustash.cuir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.cli.Shutdown;
import io.moustash.config.IniDocument;
import io.moustash.cuir.config.CuirConfig;
import io.moustash.cuir.config.CuirConfigReader;
import io.moustash.cuir.state.Observation;
import io.moustash.cuir.status.StatusBoard;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.delivery.Publisher;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.RedisFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The long-running mode against a real Redis and real loopback targets that go down and come back. */
class MonitorTest {
    private RedisFixture redis;
    private LoopbackTargets targets;
    private final BlockingQueue<Observation> seen = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        redis = RedisFixture.running();
        targets = new LoopbackTargets();
    }

    @AfterEach
    void stop() {
        targets.close();
        redis.close();
    }

    /** A monitor and its publisher, closed in Cuir's order: probing stops, then the publisher flushes. */
    private Shutdown monitor(String key, String cuir) {
        MoustashSettings settings = MoustashSettings.read(IniDocument.parse("[moustash]\nredis_host = 127.0.0.1\n"
                + "redis_port = " + redis.port() + "\nredis_namespace = " + key + "\nevent_format = legacy\n" + cuir,
                "test.ini"), line -> { });
        CuirConfig config = CuirConfigReader.read(settings.document(), line -> { });
        Shutdown shutdown = Shutdown.install("test");
        Publisher publisher = shutdown.add(Wiring.publisher(settings));
        shutdown.add(new Monitor(config, publisher, new StatusBoard(), seen::add)).start();
        return shutdown;
    }

    private Observation next() throws InterruptedException {
        Observation o = seen.poll(5, TimeUnit.SECONDS);
        assertTrue(o != null, "a probe result within 5 s");
        return o;
    }

    @Test
    void aTargetThatGoesDownAndComesBackGivesFailuresThenARecovery() throws Exception {
        int port = targets.listening();
        try (Shutdown monitor = monitor("cuir:monitor", "[cuir]\ninterval = 0.2\ntimeout = 0.5\nweb: 127.0.0.1:" + port
                + ":web server\n")) {
            assertEquals("up", next().result().status().text());
            targets.close(port);
            Observation down;
            do {
                down = next();
            } while (!down.changed());
            assertEquals("down", down.state().orElseThrow().text());
            next();
            targets.listeningOn(port);
            Observation back;
            do {
                back = next();
            } while (!back.changed());
            assertTrue(back.recovered());
        }
        try (LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            List<JsonNode> events = reader.drain("cuir:monitor").stream()
                    .map(json -> LogstashDocuments.assertValid(json, "legacy")).toList();
            assertTrue(events.size() >= 3, events.toString());
            JsonNode first = events.get(0);
            assertEquals("down", first.path("status").textValue());
            assertEquals("[\"cuir\",\"web\",\"notification\"]", first.path("tags").toString());
            assertEquals("web", first.path("program").textValue());
            assertEquals("127.0.0.1:" + port, first.path("source").textValue());
            assertEquals("web server", first.path("message").textValue());
            JsonNode second = events.get(1);
            assertEquals("[\"cuir\",\"web\"]", second.path("tags").toString(), "a failure that is no change: no notification");
            assertEquals(2, second.path("consecutive_failures").intValue());
            JsonNode last = events.get(events.size() - 1);
            assertEquals("up", last.path("status").textValue());
            assertEquals("down", last.path("previous_state").textValue());
            assertEquals("[\"cuir\",\"web\",\"notification\"]", last.path("tags").toString());
        }
    }

    @Test
    void aQuietMonitorStillBeats() throws Exception {
        int port = targets.listening();
        try (Shutdown monitor = monitor("cuir:beat", "[cuir]\ninterval = 0.1\nheartbeat_interval = 0.3\nweb: 127.0.0.1:"
                + port + ":web\n");
                LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            List<JsonNode> beats = reader.await("cuir:beat", 3, Duration.ofSeconds(5)).stream()
                    .map(json -> LogstashDocuments.assertValid(json, "legacy")).toList();
            assertEquals(3, beats.size(), "report = failures and all up: nothing but heartbeats");
            for (JsonNode beat : beats) {
                assertEquals("[\"cuir\",\"heartbeat\"]", beat.path("tags").toString());
                assertEquals(1, beat.path("probes").intValue());
                assertEquals(1, beat.path("probes_up").intValue(), beat.toString());
                assertEquals(0.3, beat.path("heartbeat_interval").doubleValue());
            }
        }
    }

    @Test
    void noHeartbeatWhenItsIntervalIsZero() throws Exception {
        int port = targets.listening();
        try (Shutdown monitor = monitor("cuir:nobeat", "[cuir]\ninterval = 0.1\nreport = all\nheartbeat_interval = 0\n"
                + "web: 127.0.0.1:" + port + ":web\n");
                LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            List<String> events = reader.await("cuir:nobeat", 10, Duration.ofSeconds(5));
            assertEquals(10, events.size());
            assertTrue(events.stream().noneMatch(e -> e.contains("heartbeat")), events.toString());
        }
    }

    @Test
    void probingGoesOnWhileTheBrokerIsStalled() throws Exception {
        int port = targets.listening();
        try (Shutdown monitor = monitor("cuir:stalled", "[cuir]\ninterval = 0.1\nreport = all\nweb: 127.0.0.1:" + port
                + ":web\n");
                LogstashRedisReader reader = new LogstashRedisReader(redis.url())) {
            next();
            reader.commands().clientPause(2000);
            seen.clear();
            long start = System.nanoTime();
            int during = 0;
            while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
                if (seen.poll(100, TimeUnit.MILLISECONDS) != null) {
                    during++;
                }
            }
            assertTrue(during >= 8, "about 15 probes in 1.5 s of a stalled broker, got " + during);
            List<String> events = reader.await("cuir:stalled", 20, Duration.ofSeconds(8));
            assertTrue(events.size() >= 20, "the events of the stall arrive afterwards: " + events.size());
        }
    }
}
