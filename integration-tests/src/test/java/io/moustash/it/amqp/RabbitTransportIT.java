package io.moustash.it.amqp;

import static io.moustash.it.amqp.RabbitBroker.admin;
import static io.moustash.it.amqp.RabbitBroker.bytes;
import static io.moustash.it.amqp.RabbitBroker.failure;
import static io.moustash.it.amqp.RabbitBroker.plain;
import static io.moustash.it.amqp.RabbitBroker.settings;
import static io.moustash.it.amqp.RabbitBroker.unique;
import static io.moustash.it.amqp.RabbitBroker.withChannel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.it.Services;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRabbitReader;
import io.moustash.testing.RedisFixture;
import io.moustash.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The RabbitMQ transport, configured from an ini file, against Debian's rabbitmq-server. */
class RabbitTransportIT {
    /** How the transport names this broker at the start of each of its messages. */
    private static final String BROKER = "rabbitmq 127.0.0.1:" + Services.rabbitmqPort() + ": ";

    @Test
    void everyEventReachesAQueueReadLikeLogstashsRabbitmqInput() throws Exception {
        for (String format : List.of("ecs", "legacy")) {
            String exchange = unique("it-x");
            String queue = unique("it-q");
            MoustashSettings settings = settings(plain(), "rabbitmq_exchange = " + exchange,
                    "rabbitmq_queue = " + queue, "rabbitmq_exchange_durable = 1", "rabbitmq_queue_durable = 1",
                    "event_format = " + format);
            List<String> messages = new ArrayList<>();
            try (Publisher publisher = Wiring.publisher(settings)) {
                for (int i = 0; i < 300; i++) {
                    messages.add("event " + i + " é");
                    assertEquals(Delivery.DELIVERED, publisher.publish(Event.builder("panpan").message(messages.get(i))
                            .build()).get(10, TimeUnit.SECONDS));
                }
            }
            try (LogstashRabbitReader logstash = new LogstashRabbitReader(admin(), exchange, queue, "logstash-key", true)) {
                List<LogstashRabbitReader.Message> received = logstash.await(300, Duration.ofSeconds(10));
                for (int i = 0; i < received.size(); i++) {
                    LogstashRabbitReader.Message m = received.get(i);
                    assertEquals("application/json", m.contentType());
                    assertEquals(2, m.deliveryMode());
                    assertEquals("logstash-key", m.routingKey());
                    assertEquals(messages.get(i), LogstashDocuments.assertValid(m.body(), format).path("message").textValue());
                }
                assertTrue(logstash.nothingMoreWithin(Duration.ofMillis(200)));
            }
            withChannel(ch -> {
                ch.queueDelete(queue);
                ch.exchangeDelete(exchange);
            });
        }
    }

    @Test
    void aQueueLogstashDeclaredDurableNamesTheOptionToSet() throws Exception {
        String queue = unique("logstash-durable");
        withChannel(ch -> ch.queueDeclare(queue, true, false, false, null));
        try {
            assertEquals(BROKER + "queue '" + queue + "' already exists with"
                    + " durable = true, Moustash asked for durable = false: set rabbitmq_queue_durable = 1 to match it"
                    + " (or delete the queue)", failure(settings(plain(), "rabbitmq_queue = " + queue)));
            try (Transport transport = Wiring.transport(settings(plain(), "rabbitmq_queue = " + queue,
                    "rabbitmq_queue_durable = 1"))) {
                transport.send(List.of(bytes("{\"matched\":true}")));
            }
            withChannel(ch -> assertEquals(1, ch.queueDeclarePassive(queue).getMessageCount()));
        } finally {
            withChannel(ch -> ch.queueDelete(queue));
        }
    }

    @Test
    void anExchangeOfAnotherTypeOrDurabilityNamesTheOptionToSet() throws Exception {
        String exchange = unique("topic-x");
        withChannel(ch -> ch.exchangeDeclare(exchange, "topic", false));
        try {
            assertEquals(BROKER + "exchange '" + exchange + "' already exists"
                    + " with type = topic, Moustash asked for type = direct: set rabbitmq_exchange_type = topic to"
                    + " match it (or delete the exchange)", failure(settings(plain(), "rabbitmq_exchange = " + exchange)));
            assertEquals(BROKER + "exchange '" + exchange + "' already exists"
                    + " with durable = false, Moustash asked for durable = true: set rabbitmq_exchange_durable = 0 to"
                    + " match it (or delete the exchange)", failure(settings(plain(), "rabbitmq_exchange = " + exchange,
                            "rabbitmq_exchange_type = topic", "rabbitmq_exchange_durable = 1")));
        } finally {
            withChannel(ch -> ch.exchangeDelete(exchange));
        }
    }

    @Test
    void withoutDeclaringAnEventNoQueueTakesIsAFailureNotASuccess() throws Exception {
        String exchange = unique("unbound-x");
        withChannel(ch -> ch.exchangeDeclare(exchange, "direct", false));
        try {
            assertEquals(BROKER + "1 of 1 event(s) reached no queue: nothing"
                    + " is bound to exchange '" + exchange + "' with key 'logstash-key' (bind a queue, or set"
                    + " rabbitmq_declare = 1)", failure(settings(plain(), "rabbitmq_exchange = " + exchange,
                            "rabbitmq_declare = 0")));
            assertEquals(BROKER + "exchange 'missing-x' does not exist in"
                    + " virtual host '/': declare it, or set rabbitmq_declare = 1",
                    failure(settings(plain(), "rabbitmq_exchange = missing-x", "rabbitmq_declare = 0")));
        } finally {
            withChannel(ch -> ch.exchangeDelete(exchange));
        }
    }

    @Test
    void wrongCredentialsAndAnUnknownVirtualHostAreToldApart() {
        String wrong = failure(settings(plain(), "rabbitmq_password = hunter2-wrong"));
        assertEquals(BROKER + "login refused for user 'guest': check"
                + " rabbitmq_username and rabbitmq_password", wrong);
        assertFalse(wrong.contains("hunter2"));
        assertEquals(BROKER + "virtual host '/nope' does not exist"
                + " (rabbitmq_vhost): NOT_ALLOWED - vhost /nope not found",
                failure(settings(plain(), "rabbitmq_vhost = /nope")));
    }

    @Test
    void aClusterListFailsOverInOrderAndAUrlWorksAlone() throws Exception {
        String queue = unique("cluster-q");
        int dead = RedisFixture.freePort();
        try (Transport transport = Wiring.transport(settings("rabbitmq_hosts = 127.0.0.1:" + dead + ", 127.0.0.1:"
                + Services.rabbitmqPort(), "rabbitmq_queue = " + queue))) {
            transport.send(List.of(bytes("{\"via\":\"list\"}")));
        }
        try (Transport transport = Wiring.transport(settings("rabbitmq_url = amqp://guest:guest@127.0.0.1:"
                + Services.rabbitmqPort() + "/%2F", "rabbitmq_queue = " + queue))) {
            transport.send(List.of(bytes("{\"via\":\"url\"}")));
        }
        try (LogstashRabbitReader logstash = new LogstashRabbitReader(admin(), "logstash-exchange", queue,
                "logstash-key", false)) {
            assertEquals(List.of("{\"via\":\"list\"}", "{\"via\":\"url\"}"), logstash.awaitBodies(2, Duration.ofSeconds(5)));
        } finally {
            withChannel(ch -> ch.queueDelete(queue));
        }
    }
}
