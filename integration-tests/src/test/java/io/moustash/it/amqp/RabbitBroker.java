package io.moustash.it.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.moustash.config.IniDocument;
import io.moustash.it.Services;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashRabbitReader;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Helpers for the ITs against the suite's rabbitmq-server: configuration, admin channel, failures. */
final class RabbitBroker {
    private RabbitBroker() {
    }

    /** {@code [moustash]} with transport = rabbitmq and {@code lines} (one option per line). */
    static MoustashSettings settings(String... lines) {
        return MoustashSettings.read(IniDocument.parse("[moustash]\ntransport = rabbitmq\n" + String.join("\n", lines)
                + "\n", "it.ini"), line -> { });
    }

    /** The plain listener of the suite's broker, on 127.0.0.1. */
    static String plain() {
        return "rabbitmq_host = 127.0.0.1\nrabbitmq_port = " + Services.rabbitmqPort();
    }

    static ConnectionFactory admin() throws Exception {
        return LogstashRabbitReader.factory(Services.rabbitmqUrl());
    }

    interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    static void withChannel(ChannelWork work) throws Exception {
        try (Connection connection = admin().newConnection(); Channel channel = connection.createChannel()) {
            work.run(channel);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one document with {@code settings} and returns the one-line failure. */
    static String failure(MoustashSettings settings) {
        try (Transport transport = Wiring.transport(settings)) {
            try {
                transport.send(List.of(bytes("{}")));
            } catch (TransportException e) {
                if (e.getMessage().contains("\n")) {
                    throw new AssertionError("not one line: " + e.getMessage());
                }
                return e.getMessage();
            }
            throw new AssertionError("sent, but a failure was expected");
        }
    }
}
