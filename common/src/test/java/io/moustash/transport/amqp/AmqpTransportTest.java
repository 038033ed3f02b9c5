package io.moustash.transport.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.moustash.testing.AmqpBrokerFixture;
import io.moustash.testing.LogstashRabbitReader;
import io.moustash.testing.RedisFixture;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportContract;
import io.moustash.transport.TransportException;
import io.moustash.transport.tls.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The RabbitMQ transport against Qpid Broker-J in this JVM, read back as logstash's rabbitmq input does. */
class AmqpTransportTest extends TransportContract {
    private static final String EXCHANGE = "logstash-exchange";
    private static final String QUEUE = "logstash-queue";
    private static final String KEY = "logstash-key";
    private static AmqpBrokerFixture broker;
    private static ConnectionFactory admin;
    private LogstashRabbitReader logstash;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = AmqpBrokerFixture.running();
        admin = LogstashRabbitReader.factory(broker.url());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void emptyTheQueue() throws Exception {
        if (logstash != null) {
            logstash.close();
            logstash = null;
        }
        withChannel(ch -> {
            ch.queueDeclare(QUEUE, false, false, false, null);
            ch.queuePurge(QUEUE);
        });
    }

    static RabbitSettings settings(int port, String exchange, String queue, Duration timeout) {
        return new RabbitSettings(List.of(new Address("127.0.0.1", port)), "/", "guest", "guest", exchange, "direct",
                false, queue, false, KEY, 2, true, TlsSettings.off("rabbitmq_ssl"), timeout);
    }

    @Override
    protected Transport transport() {
        return new AmqpTransport(settings(broker.port(), EXCHANGE, QUEUE, Duration.ofSeconds(5)));
    }

    @Override
    protected Transport unreachableTransport() {
        return new AmqpTransport(settings(RedisFixture.freePort(), EXCHANGE, QUEUE, Duration.ofSeconds(1)));
    }

    @Override
    protected List<String> received(int expected) throws Exception {
        logstash = new LogstashRabbitReader(admin, EXCHANGE, QUEUE, KEY, false);
        return logstash.awaitBodies(expected, Duration.ofSeconds(10));
    }

    interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    static void withChannel(ChannelWork work) throws Exception {
        try (Connection connection = admin.newConnection(); Channel channel = connection.createChannel()) {
            work.run(channel);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RabbitSettings with(String exchange, String exchangeType, String queue, boolean declare) {
        RabbitSettings s = settings(broker.port(), exchange, queue, Duration.ofSeconds(5));
        return new RabbitSettings(s.addresses(), s.vhost(), s.username(), s.password(), exchange, exchangeType,
                false, queue, false, KEY, 2, declare, s.tls(), s.timeout());
    }

    private static TransportException failure(RabbitSettings settings) {
        try (Transport transport = new AmqpTransport(settings)) {
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return e;
        }
    }

    @Test
    void declaresTheExchangeTheQueueAndTheBindingThenPublishesConfirmed() throws Exception {
        String exchange = unique("x");
        String queue = unique("q");
        try (Transport transport = new AmqpTransport(with(exchange, "direct", queue, true))) {
            transport.send(List.of(bytes("{\"n\":1}"), bytes("{\"n\":2}")));
            // send returned: the broker confirmed, so both are in the queue the transport declared and bound
            withChannel(ch -> {
                ch.exchangeDeclarePassive(exchange);
                assertEquals(2, ch.queueDeclarePassive(queue).getMessageCount());
            });
        }
        try (LogstashRabbitReader reader = new LogstashRabbitReader(admin, exchange, queue, KEY, false)) {
            List<LogstashRabbitReader.Message> messages = reader.await(2, Duration.ofSeconds(5));
            assertEquals("{\"n\":1}", messages.get(0).body());
            assertEquals("application/json", messages.get(0).contentType());
            assertEquals(2, messages.get(0).deliveryMode());
            assertEquals(exchange, messages.get(0).exchange());
            assertEquals(KEY, messages.get(0).routingKey());
        }
    }

    @Test
    void transientDeliveryModeIsOne() throws Exception {
        RabbitSettings s = settings(broker.port(), EXCHANGE, QUEUE, Duration.ofSeconds(5));
        RabbitSettings transientMode = new RabbitSettings(s.addresses(), "/", "guest", "guest", EXCHANGE, "direct",
                false, QUEUE, false, KEY, 1, true, s.tls(), s.timeout());
        try (Transport transport = new AmqpTransport(transientMode)) {
            transport.send(List.of(bytes("{}")));
        }
        logstash = new LogstashRabbitReader(admin, EXCHANGE, QUEUE, KEY, false);
        assertEquals(1, logstash.await(1, Duration.ofSeconds(5)).get(0).deliveryMode());
    }

    @Test
    void anExchangeOfAnotherTypeIsNamedWithTheOptionToChange() throws Exception {
        String exchange = unique("fanout-x");
        withChannel(ch -> ch.exchangeDeclare(exchange, "fanout", false));
        TransportException e = failure(with(exchange, "direct", QUEUE, true));
        assertEquals("rabbitmq 127.0.0.1:" + broker.port() + ": exchange '" + exchange
                + "' already exists with type = fanout, Moustash asked for type = direct:"
                + " set rabbitmq_exchange_type = fanout to match it (or delete the exchange)", e.getMessage());
    }

    @Test
    void withoutDeclaringAMissingExchangeIsNamed() {
        TransportException e = failure(with("nowhere-x", "direct", QUEUE, false));
        assertEquals("rabbitmq 127.0.0.1:" + broker.port() + ": exchange 'nowhere-x' does not exist in virtual host '/':"
                + " declare it, or set rabbitmq_declare = 1", e.getMessage());
    }

    @Test
    void anEventNoQueueTakesIsNotCountedAsSent() throws Exception {
        String exchange = unique("unbound-x");
        withChannel(ch -> ch.exchangeDeclare(exchange, "direct", false));
        TransportException e = failure(with(exchange, "direct", QUEUE, false));
        // RabbitMQ returns the message then acks it (the integration suite checks that message);
        // Qpid nacks it, and may do so before returning it.
        assertTrue(e.getMessage().contains("reached no queue: nothing is bound to exchange '" + exchange
                + "' with key '" + KEY + "'") || e.getMessage().endsWith("the broker refused (nacked) the events"),
                e.getMessage());
    }

    @Test
    void withoutDeclaringAnExistingBindingIsUsed() throws Exception {
        String exchange = unique("operator-x");
        String queue = unique("operator-q");
        withChannel(ch -> {
            ch.exchangeDeclare(exchange, "topic", true);
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, "logstash-key.#");
        });
        // The operator's topic exchange and durable queue differ from Moustash's defaults; with
        // rabbitmq_declare = 0 nothing is redeclared, so nothing can clash.
        try (Transport transport = new AmqpTransport(with(exchange, "direct", queue, false))) {
            transport.send(List.of(bytes("{\"op\":1}")));
        }
        withChannel(ch -> assertEquals(1, ch.queueDeclarePassive(queue).getMessageCount()));
    }

    @Test
    void wrongCredentialsSaySoWithoutThePassword() {
        RabbitSettings s = settings(broker.port(), EXCHANGE, QUEUE, Duration.ofSeconds(5));
        TransportException e = failure(new RabbitSettings(s.addresses(), "/", "guest", "s3cret-wrong", EXCHANGE,
                "direct", false, QUEUE, false, KEY, 2, true, s.tls(), s.timeout()));
        assertEquals("rabbitmq 127.0.0.1:" + broker.port() + ": login refused for user 'guest':"
                + " check rabbitmq_username and rabbitmq_password", e.getMessage());
    }

    @Test
    void anUnknownVirtualHostIsNamed() {
        RabbitSettings s = settings(broker.port(), EXCHANGE, QUEUE, Duration.ofSeconds(5));
        TransportException e = failure(new RabbitSettings(s.addresses(), "/nope", "guest", "guest", EXCHANGE,
                "direct", false, QUEUE, false, KEY, 2, true, s.tls(), s.timeout()));
        assertTrue(e.getMessage().startsWith("rabbitmq 127.0.0.1:" + broker.port()
                + ": virtual host '/nope' does not exist (rabbitmq_vhost)"), e.getMessage());
    }

    @Test
    void aClusterListFailsOverToTheNextAddressInOrder() throws Exception {
        RabbitSettings s = settings(broker.port(), EXCHANGE, QUEUE, Duration.ofSeconds(2));
        int dead = RedisFixture.freePort();
        RabbitSettings cluster = new RabbitSettings(List.of(new Address("127.0.0.1", dead),
                new Address("127.0.0.1", broker.port())), "/", "guest", "guest", EXCHANGE, "direct", false, QUEUE,
                false, KEY, 2, true, s.tls(), s.timeout());
        try (Transport transport = new AmqpTransport(cluster)) {
            assertEquals("rabbitmq 127.0.0.1:" + dead + ",127.0.0.1:" + broker.port(), transport.describe());
            transport.send(List.of(bytes("{\"failover\":1}")));
        }
        assertEquals(List.of("{\"failover\":1}"), received(1));
    }

    @Test
    void reconnectsAfterTheBrokerRestarts() throws Exception {
        try (AmqpBrokerFixture own = AmqpBrokerFixture.running();
                Transport transport = new AmqpTransport(settings(own.port(), EXCHANGE, QUEUE, Duration.ofSeconds(2)))) {
            transport.send(List.of(bytes("{\"before\":1}")));
            own.stop();
            assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{\"during\":1}"))));
            own.start();
            transport.send(List.of(bytes("{\"after\":1}")));
            // the in-memory broker lost its queue on restart; the transport declared it again
            try (LogstashRabbitReader reader = new LogstashRabbitReader(
                    LogstashRabbitReader.factory(own.url()), EXCHANGE, QUEUE, KEY, false)) {
                assertEquals(List.of("{\"after\":1}"), reader.awaitBodies(1, Duration.ofSeconds(5)));
                assertTrue(reader.nothingMoreWithin(Duration.ofMillis(200)));
            }
        }
    }
}
