package io.moustash.it.panpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRabbitReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * panpan.jar with {@code transport = rabbitmq}, run as a child process against the suite's
 * rabbitmq-server, read back as logstash's rabbitmq input reads the queue. The configuration keeps
 * the original Moustash's defaults (non-durable exchange and queue, declared by PanPan), so the
 * reader is bound and reading for the whole class.
 */
class PanPanRabbitIT {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String EXCHANGE = "it-panpan-x-" + SUFFIX;
    private static final String QUEUE = "it-panpan-q-" + SUFFIX;
    private static final String KEY = "logstash-key";
    private static LogstashRabbitReader logstash;
    private static Path config;

    @TempDir
    static Path dir;

    @BeforeAll
    static void bindTheReader() throws Exception {
        config = Files.writeString(dir.resolve("moustash.ini"), ini(Services.rabbitmqPort()));
        // The reader binds to the exchange, so it must exist first; declared as PanPan declares it.
        withChannel(ch -> ch.exchangeDeclare(EXCHANGE, "direct", false));
        logstash = new LogstashRabbitReader(LogstashRabbitReader.factory(Services.rabbitmqUrl()), EXCHANGE, QUEUE, KEY,
                false);
    }

    private static String ini(int port) {
        return "[moustash]\ntransport = rabbitmq\nrabbitmq_host = 127.0.0.1\nrabbitmq_port = " + port
                + "\nrabbitmq_exchange = " + EXCHANGE + "\nrabbitmq_queue = " + QUEUE + "\nrabbitmq_timeout = 3"
                + "\nspool_dir = " + dir.resolve("spool") + "\n";
    }

    @AfterAll
    static void deleteTheQueue() throws Exception {
        logstash.close();
        withChannel(ch -> {
            ch.queueDelete(QUEUE);
            ch.exchangeDelete(EXCHANGE);
        });
    }

    @AfterEach
    void nothingElseArrived() throws InterruptedException {
        assertTrue(logstash.nothingMoreWithin(Duration.ofMillis(200)), "no message beyond the expected ones");
    }

    private interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    private static void withChannel(ChannelWork work) throws Exception {
        try (Connection connection = LogstashRabbitReader.factory(Services.rabbitmqUrl()).newConnection();
                Channel channel = connection.createChannel()) {
            work.run(channel);
        }
    }

    @Test
    void oneShotArrivesWithThePropertiesLogstashSees() throws Exception {
        PanPanProcess.Result run = PanPanProcess.run("-c", config.toString(), "-T", "cron", "-f", "took=12", "backup done");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.out() + run.err(), "silent on success");
        LogstashRabbitReader.Message m = logstash.await(1, Duration.ofSeconds(10)).get(0);
        assertEquals("application/json", m.contentType());
        assertEquals(2, m.deliveryMode(), "persistent by default");
        assertEquals(EXCHANGE, m.exchange());
        assertEquals(KEY, m.routingKey());
        JsonNode doc = LogstashDocuments.assertValid(m.body(), "ecs");
        assertEquals("backup done", doc.path("message").textValue());
        assertEquals(12, doc.path("took").intValue());
        assertEquals("[\"panpan\",\"cron\"]", doc.path("tags").toString());

        PanPanProcess.Result legacy = PanPanProcess.run("-c", config.toString(), "--format", "legacy",
                "nightly failed", "backup", "db1", "True");
        assertEquals(0, legacy.exit(), legacy.toString());
        JsonNode old = LogstashDocuments.assertValid(logstash.awaitBodies(1, Duration.ofSeconds(10)).get(0), "legacy");
        assertEquals("backup", old.path("program").textValue());
        assertEquals("[\"panpan\",\"notification\"]", old.path("tags").toString());
    }

    @Test
    void stdinStreamOfFiveThousandLinesArrivesInOrder() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            lines.append("line ").append(i).append('\n');
        }
        PanPanProcess.Result run = PanPanProcess.run(lines.toString().getBytes(StandardCharsets.UTF_8), Map.of(),
                PanPanProcess.command("-c", config.toString(), "--stdin"));
        assertEquals(0, run.exit(), run.toString());
        List<String> bodies = logstash.awaitBodies(5_000, Duration.ofSeconds(30));
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals("line " + i, LogstashDocuments.parse(bodies.get(i)).path("message").textValue());
        }
    }

    @Test
    void withTheBrokerAwayTheEventIsSpooledAndTheNextRunDeliversIt() throws Exception {
        // The broker refuses this run (a wrong password): the same destination, not taking events.
        // A spool file is delivered only to the destination it was written for, and a password
        // is not part of it: the next run, with the right one, delivers it.
        Path away = Files.writeString(dir.resolve("away.ini"), Files.readString(config)
                + "rabbitmq_password = not-the-password\n");
        // As a file with a password should be: no warning about its mode on stderr.
        Files.setPosixFilePermissions(away, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        PanPanProcess.Result spooled = PanPanProcess.run("-c", away.toString(), "kept while away");
        assertEquals(0, spooled.exit(), spooled.toString());
        assertTrue(spooled.err().startsWith("panpan: broker unavailable: rabbitmq 127.0.0.1:" + Services.rabbitmqPort() + ": "),
                spooled.err());
        assertTrue(spooled.err().endsWith("; the event is kept in the spool and will be delivered when it is back\n"),
                spooled.err());
        assertEquals(1, spooled.err().lines().count(), spooled.err());
        assertTrue(logstash.nothingMoreWithin(Duration.ofMillis(500)), "nothing reached the queue");

        PanPanProcess.Result next = PanPanProcess.run("-c", config.toString(), "the next run");
        assertEquals(0, next.exit(), next.toString());
        List<String> messages = logstash.awaitBodies(2, Duration.ofSeconds(20)).stream()
                .map(body -> LogstashDocuments.parse(body).path("message").textValue()).sorted().toList();
        assertEquals(List.of("kept while away", "the next run"), messages);
    }
}
