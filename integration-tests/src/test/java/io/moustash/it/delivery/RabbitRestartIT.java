package io.moustash.it.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.it.Services;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRabbitReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The suite's rabbitmq-server stopped ({@code rabbitmqctl stop_app}: listeners closed, every
 * connection dropped) for several seconds in the middle of a 10,000-event stream, then started
 * again; and a connection dropped while the broker holds events it has not confirmed.
 *
 * <p>The exchange and queue are durable and the messages persistent (delivery mode 2), and the
 * queue is read, as logstash's rabbitmq input reads it, once the broker is back. So the broker keeps
 * everything it confirmed across its restart, and an event missing at the end can only have been
 * lost by Moustash. (A consumer reading during the restart would prove less: a transient queue
 * vanishes with the node, and with it whatever the broker had confirmed but not yet handed out.)
 */
class RabbitRestartIT extends BrokerRestartContract {
    static final String KEY = "logstash-key";
    private final String exchange = "it-restart-x-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queue = "it-restart-q-" + UUID.randomUUID().toString().substring(0, 8);
    private long downSince;

    @AfterEach
    void leaveTheNodeAsFound() throws Exception {
        // Whatever a failed test left: the node running, publishers unblocked, no durable leftovers.
        RabbitNode.startApp();
        RabbitNode.ctl("set_vm_memory_high_watermark", "0.4");
        try (var connection = LogstashRabbitReader.factory(Services.rabbitmqUrl()).newConnection();
                var channel = connection.createChannel()) {
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        }
    }

    @Override
    protected String ini(Path spoolDir) {
        return DeliveryIni.rabbitmq(Services.rabbitmqPort(), exchange, queue, spoolDir, "");
    }

    @Override
    protected void stopBroker() {
        long t = System.nanoTime();
        RabbitNode.stopApp();
        downSince = System.nanoTime();
        System.out.printf("[figures] rabbitmq stop_app took %d ms%n", TimeUnit.NANOSECONDS.toMillis(downSince - t));
    }

    @Override
    protected void startBroker() {
        RabbitNode.startApp();
        System.out.printf("[figures] rabbitmq refused connections for %d ms (stop_app returned to start_app returned)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince));
    }

    /**
     * The messages, after checking that a consumer could drop each duplicate by its {@code event.id}:
     * a copy carries its original's id, and no two events share one.
     */
    @Override
    protected List<String> received(int count, Duration timeout) throws Exception {
        List<String> messages = new ArrayList<>();
        Map<String, String> idOfMessage = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (String body : bodies(count, timeout)) {
            JsonNode document = LogstashDocuments.parse(body);
            String message = document.path("message").textValue();
            String id = document.path("event").path("id").textValue();
            assertNotNull(id, body);
            String first = idOfMessage.putIfAbsent(message, id);
            assertTrue(first == null ? ids.add(id) : first.equals(id), () -> "event.id of " + message + ": " + id);
            messages.add(message);
        }
        return messages;
    }

    private List<String> bodies(int count, Duration timeout) throws Exception {
        try (LogstashRabbitReader logstash = new LogstashRabbitReader(
                LogstashRabbitReader.factory(Services.rabbitmqUrl()), exchange, queue, KEY, true)) {
            return logstash.collect(count, timeout, Duration.ofMillis(500)).stream()
                    .map(LogstashRabbitReader.Message::body).toList();
        }
    }

    @Override
    protected String name() {
        return "rabbitmq";
    }

    /**
     * A memory alarm ({@code set_vm_memory_high_watermark 0}) makes the broker stop reading from a
     * publishing connection: the batch Moustash has written waits for confirms that do not come.
     * Closing the connection then leaves those events unconfirmed; they must come again after the
     * reconnect, none lost, in order.
     */
    @Test
    void eventsUnconfirmedWhenTheConnectionDropsArePublishedAgain() throws Exception {
        int events = 1_000;
        // A confirm timeout longer than the test, so that only the dropped connection ends the wait.
        try (Publisher publisher = Wiring.publisher(DeliveryIni.settings(
                DeliveryIni.rabbitmq(Services.rabbitmqPort(), exchange, queue, spoolDir, "rabbitmq_timeout = 60\n")))) {
            assertEquals(Delivery.DELIVERED, publisher.publish(Event.builder("panpan").message("warm-up").build())
                    .get(30, TimeUnit.SECONDS));
            assertEquals(List.of("warm-up"), received(1, Duration.ofSeconds(10)));

            List<CompletableFuture<Delivery>> futures = new ArrayList<>();
            long unconfirmed;
            try {
                RabbitNode.ctl("set_vm_memory_high_watermark", "0");
                for (int i = 0; i < events; i++) {
                    futures.add(publisher.publish(Event.builder("panpan").message("event " + i).build()));
                }
                awaitBlocked();
                unconfirmed = futures.stream().filter(f -> !f.isDone()).count();
                RabbitNode.ctl("close_all_connections", "moustash-it: the connection drops");
            } finally {
                RabbitNode.ctl("set_vm_memory_high_watermark", "0.4");
            }
            for (CompletableFuture<Delivery> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            long spooled = futures.stream().filter(f -> f.join() == Delivery.SPOOLED).count();
            List<String> messages = received(events, Duration.ofSeconds(60));
            List<String> unique = new ArrayList<>(new LinkedHashSet<>(messages));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                expected.add("event " + i);
            }
            assertEquals(expected, unique, () -> firstDifference(expected, unique));
            assertTrue(unconfirmed > 0, "the broker held events unconfirmed when the connection dropped");
            assertEquals(unconfirmed, spooled, "each unconfirmed event was kept (spooled) when the connection dropped");
            System.out.printf("[figures] rabbitmq connection dropped with %d of %d events unconfirmed: all %d arrived in"
                    + " order after the reconnect; %d duplicates%n", unconfirmed, events, events,
                    messages.size() - unique.size());
        }
    }

    /** Until the broker has taken a publish on Moustash's connection and stopped reading it. */
    private static void awaitBlocked() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String states = "";
        while (System.nanoTime() < deadline) {
            states = RabbitNode.ctl("list_connections", "--no-table-headers", "state");
            if (states.lines().anyMatch(line -> line.strip().equals("blocked"))) {
                // The delivery thread may still be writing the rest of its batch: let it finish.
                Thread.sleep(300);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no connection blocked by the memory alarm within 30 s: " + states);
    }
}
