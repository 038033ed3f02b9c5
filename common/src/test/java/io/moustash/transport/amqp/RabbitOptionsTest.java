package io.moustash.transport.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.ConfigException;
import io.moustash.config.IniDocument;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RabbitOptionsTest {

    private static RabbitSettings read(String moustashSection) {
        return MoustashSettings.read(IniDocument.parse("[Moustash]\ntransport: rabbitmq\n" + moustashSection, "t.ini"),
                line -> { }).rabbitmq();
    }

    @Test
    void defaultsAreTheOriginalMoustashsPlusSafeNewOnes() {
        RabbitSettings s = read("");
        assertEquals("localhost:5672", s.address());
        assertEquals("/", s.vhost());
        assertEquals("guest", s.username());
        assertEquals("guest", s.password());
        assertEquals("logstash-exchange", s.exchange());
        assertEquals("direct", s.exchangeType());
        assertFalse(s.exchangeDurable());
        assertEquals("logstash-queue", s.queue());
        assertFalse(s.queueDurable());
        assertEquals("logstash-key", s.key());
        assertFalse(s.tls().enabled());
        assertTrue(s.tls().verify());
        assertEquals(2, s.deliveryMode());
        assertTrue(s.declare());
        assertEquals(Duration.ofSeconds(5), s.timeout());
    }

    @Test
    void tlsMovesTheDefaultPortTo5671UnlessAPortIsSet() {
        assertEquals("localhost:5671", read("rabbitmq_ssl: 1\n").address());
        assertEquals("localhost:5672", read("rabbitmq_ssl: 1\nrabbitmq_port: 5672\n").address());
    }

    @Test
    void aUrlOverridesTheSingleOptions() {
        RabbitSettings s = read("rabbitmq_host: ignored\nrabbitmq_username: ignored\n"
                + "rabbitmq_url: amqps://moustash:p%40ss@rabbit.example:5999/logs%2Fprod\n");
        assertEquals("rabbit.example:5999", s.address());
        assertEquals("moustash", s.username());
        assertEquals("p@ss", s.password());
        assertEquals("logs/prod", s.vhost());
        assertTrue(s.tls().enabled());
        assertEquals("rabbit.example:5671", read("rabbitmq_url: amqps://rabbit.example\n").address());
        assertEquals("/", read("rabbitmq_url: amqp://rabbit.example\n").vhost());
    }

    @Test
    void aHostListKeepsItsOrderAndTakesTheDefaultPort() {
        RabbitSettings s = read("rabbitmq_hosts: rabbit2:5673, rabbit1, [::1]:5674\nrabbitmq_port: 5700\n");
        assertEquals("rabbit2:5673,rabbit1:5700,[::1]:5674", s.address());
    }

    @Test
    void badValuesAreReportedTogetherAndThePasswordIsNeverShown() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(
                "rabbitmq_url: http://u:hunter2@x\nrabbitmq_delivery_mode: 3\nrabbitmq_exchange_type: fan\n"
                        + "rabbitmq_hosts: ,\n"));
        String message = e.getMessage();
        assertFalse(message.contains("hunter2"), message);
        assertTrue(message.contains("rabbitmq_url"), message);
        assertTrue(message.contains("rabbitmq_delivery_mode"), message);
        assertTrue(message.contains("rabbitmq_exchange_type"), message);
        assertTrue(message.contains("rabbitmq_hosts"), message);
        assertFalse(read("rabbitmq_password: hunter2\n").toString().contains("hunter2"));
    }

    @Test
    void misspelledOptionsGetASuggestion() {
        List<String> warnings = new ArrayList<>();
        MoustashSettings.read(IniDocument.parse("[moustash]\nrabbitmq_exchange_durabel: 1\n", "t.ini"), warnings::add);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("did you mean rabbitmq_exchange_durable?"), warnings.get(0));
    }

    @Test
    void theFactoryBuildsTheRabbitTransportWithoutTouchingTheNetwork() {
        MoustashSettings settings = MoustashSettings.read(IniDocument.parse(
                "[moustash]\ntransport = rabbitmq\nrabbitmq_host = 127.0.0.1\nrabbitmq_port = 1\n", "t.ini"), l -> { });
        try (Transport transport = Wiring.transport(settings)) {
            assertEquals("rabbitmq 127.0.0.1:1", transport.describe());
        }
    }

    @Test
    void anUnusableTlsFileStopsTheToolAsAConfigurationError() {
        MoustashSettings settings = MoustashSettings.read(IniDocument.parse(
                "[moustash]\ntransport = rabbitmq\nrabbitmq_ssl = 1\nrabbitmq_ssl_cacert = /nonexistent/ca.pem\n",
                "t.ini"), l -> { });
        io.moustash.common.MoustashException e = assertThrows(io.moustash.common.MoustashException.class,
                () -> Wiring.transport(settings));
        assertEquals(78, e.exitCode());
        assertEquals("rabbitmq_ssl_cacert = " + Path.of("/nonexistent/ca.pem") + ": no such file", e.getMessage());
    }

    @Test
    void theCommentedExampleReadsCleanlyAndSpellsTheDefaults() throws Exception {
        List<String> warnings = new ArrayList<>();
        MoustashSettings settings = MoustashSettings.read(IniDocument.load(Path.of("../examples/moustash-rabbitmq.ini")),
                warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals("rabbitmq", settings.transport());
        assertEquals(read("").toString(), settings.rabbitmq().toString());
    }

    @Test
    void everyOptionIsDocumented() throws Exception {
        String docs = java.nio.file.Files.readString(Path.of("../docs/configuration.md"));
        List<io.moustash.config.Option<?>> options = new ArrayList<>(RabbitOptions.ALL);
        options.addAll(List.of(io.moustash.transport.redis.RedisOptions.SSL, io.moustash.transport.redis.RedisOptions.SSL_CACERT,
                io.moustash.transport.redis.RedisOptions.SSL_VERIFY, io.moustash.transport.redis.RedisOptions.SSL_CERT,
                io.moustash.transport.redis.RedisOptions.SSL_KEY));
        for (io.moustash.config.Option<?> option : options) {
            assertTrue(docs.contains("`" + option.name() + "`"), option.name() + " is not in docs/configuration.md");
        }
    }
}
