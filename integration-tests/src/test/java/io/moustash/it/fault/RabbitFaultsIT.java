package io.moustash.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.moustash.it.Services;
import io.moustash.it.delivery.RabbitNode;
import io.moustash.testing.LogstashRabbitReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the suite's rabbitmq-server, met by {@code bin/panpan}: stopped in the middle of a
 * stream, a connection blocked by a memory alarm, a queue that exists with other arguments. The
 * exchange and queue are durable and messages persistent, so what is missing was lost by Moustash.
 */
class RabbitFaultsIT {
    static final String KEY = "logstash-key";
    private final String exchange = "it-fault-x-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "it-fault-q-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @AfterEach
    void leaveTheNodeAsFound() throws Exception {
        RabbitNode.startApp();
        RabbitNode.ctl("set_vm_memory_high_watermark", "0.4");
        withChannel(channel -> {
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        });
    }

    interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    private static void withChannel(ChannelWork work) throws Exception {
        try (Connection connection = LogstashRabbitReader.factory(Services.rabbitmqUrl()).newConnection();
                Channel channel = connection.createChannel()) {
            work.run(channel);
        }
    }

    private Path ini(Scenario row) throws Exception {
        return row.ini("[moustash]\ntransport = rabbitmq\nrabbitmq_host = 127.0.0.1\nrabbitmq_port = " + Services.rabbitmqPort()
                + "\nrabbitmq_exchange = " + exchange + "\nrabbitmq_queue = " + queue + "\nrabbitmq_key = " + KEY
                + "\nrabbitmq_exchange_durable = 1\nrabbitmq_queue_durable = 1\nrabbitmq_delivery_mode = 2"
                + "\nrabbitmq_timeout = " + Scenario.BROKER_TIMEOUT + "\n" + row.common());
    }

    /** A reader bound before anything is published, as logstash's rabbitmq input is. */
    private LogstashRabbitReader reader() throws Exception {
        withChannel(channel -> channel.exchangeDeclare(exchange, "direct", true));
        return new LogstashRabbitReader(LogstashRabbitReader.factory(Services.rabbitmqUrl()), exchange, queue, KEY, true);
    }

    private static List<String> bodies(LogstashRabbitReader reader) {
        try {
            return reader.collect(Integer.MAX_VALUE, Duration.ofMillis(300), Duration.ofMillis(300)).stream()
                    .map(LogstashRabbitReader.Message::body).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String lines(long from, long to) {
        StringBuilder lines = new StringBuilder();
        for (long seq = from; seq <= to; seq++) {
            lines.append(Spooled.line("a", seq));
        }
        return lines.toString();
    }

    /** How many messages the queue holds. */
    private long messages() throws Exception {
        long[] count = new long[1];
        withChannel(channel -> count[0] = channel.queueDeclarePassive(queue).getMessageCount());
        return count[0];
    }

    /** {@code rabbitmqctl stop_app} in the middle of a {@code panpan --stdin} stream, {@code start_app} later. */
    @Test
    void rabbitmqStoppedMidStream() throws Exception {
        Scenario row = new Scenario(dir, "rabbit-stopped");
        Path ini = ini(row);
        reader().close(); // declares and binds the durable queue, which keeps what arrives while nobody reads
        try (Tools.Child panpan = Tools.start(dir, "panpan", Spooled.streamArgs(ini))) {
            panpan.write(lines(1, 300));
            Thread.sleep(StreamFaultsIT.SETTLE_MILLIS);
            RabbitNode.stopApp();
            panpan.write(lines(301, 600));
            Thread.sleep(StreamFaultsIT.SETTLE_MILLIS);
            RabbitNode.startApp();
            panpan.write(lines(601, 900));
            // The stream goes on by itself once the broker is back, the spooled events first: no
            // later run is needed for them.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (messages() < 900) {
                assertTrue(System.nanoTime() < deadline, "the running panpan delivers all 900 events within 15 s of"
                        + " start_app; the queue holds " + messages());
                Thread.sleep(100);
            }
            Tools.Run run = panpan.finish(Spooled.STREAM_BOUND);
            row.ledger.sent("a", 1, 900, !run.timedOut() && run.exit() == 0);
            Scenario.assertWithinBound(run, Spooled.STREAM_BOUND, "panpan --stdin");
            assertEquals(0, run.exit(), "every line delivered or kept: " + run);
            System.out.printf("[figures] rabbit-stopped: panpan --stdin exit %d %d ms after its input ended, stderr: %s%n",
                    run.exit(), run.millis(), run.err().strip().replace('\n', '|'));
        }
        try (LogstashRabbitReader reader = reader()) {
            row.drainAndCheck(ini, () -> bodies(reader));
        }
    }

    /**
     * A memory alarm ({@code set_vm_memory_high_watermark} near 0) blocks every publishing
     * connection: panpan must not wait past rabbitmq_timeout; it keeps the event in the spool.
     */
    @Test
    void aConnectionBlockedByAMemoryAlarm() throws Exception {
        Scenario row = new Scenario(dir, "rabbit-alarm");
        Path ini = ini(row);
        reader().close();
        RabbitNode.ctl("set_vm_memory_high_watermark", "0.0000001");
        try {
            Tools.Run run = row.accepted(ini, "a", 1);
            System.out.printf("[figures] rabbit-alarm: panpan exit %d in %d ms: %s%n", run.exit(), run.millis(),
                    run.err().strip().replace('\n', '|'));
        } finally {
            RabbitNode.ctl("set_vm_memory_high_watermark", "0.4");
        }
        try (LogstashRabbitReader reader = reader()) {
            row.drainAndCheck(ini, () -> bodies(reader));
        }
    }

    /**
     * The queue exists with an argument Moustash does not declare ({@code x-max-length}): RabbitMQ
     * refuses the declaration, which no retry will change. As docs/configuration.md says, panpan
     * names the refusal on stderr (the queue and the argument) within its bound and keeps the event
     * in the spool, as for any broker that does not take events: it arrives once the queue is
     * declared as Moustash asks.
     */
    @Test
    void aQueueThatExistsWithOtherArguments() throws Exception {
        Scenario row = new Scenario(dir, "rabbit-args");
        Path ini = ini(row);
        withChannel(channel -> {
            channel.exchangeDeclare(exchange, "direct", true);
            channel.queueDeclare(queue, true, false, false, Map.of("x-max-length", 1000));
            channel.queueBind(queue, exchange, KEY);
        });
        Tools.Run run = row.oneShot(ini, "a", 1);
        System.out.printf("[figures] rabbit-args: panpan exit %d in %d ms: %s%n", run.exit(), run.millis(),
                run.err().strip().replace('\n', '|'));
        assertEquals(0, run.exit(), "kept in the spool, not lost: " + run);
        assertTrue(run.err().contains(queue), "stderr names the queue: " + run);
        assertTrue(run.err().contains("x-max-length"), "stderr names the argument that differs: " + run);
        assertTrue(run.err().contains("kept in the spool"), "stderr says where the event is: " + run);
        assertEquals(1, Spooled.files(row.spool).size(), "the event waits in the spool: " + run);
    }
}
