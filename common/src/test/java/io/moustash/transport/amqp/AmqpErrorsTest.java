package io.moustash.transport.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import io.moustash.transport.tls.TlsSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ's own refusal texts, which Qpid (the broker of mvn verify) words differently or does
 * not send: the integration suite meets them from a real RabbitMQ; here the parsing is pinned.
 */
class AmqpErrorsTest {
    private final AmqpErrors errors = new AmqpErrors(new RabbitSettings(List.of(new Address("127.0.0.1", 5672)), "/",
            "guest", "guest", "logstash-exchange", "direct", false, "logstash-queue", false, "logstash-key", 2, true,
            TlsSettings.off("rabbitmq_ssl"), Duration.ofSeconds(5)));

    private static IOException channelClosed(int code, String text) {
        return new IOException(new ShutdownSignalException(false, false, new AMQImpl.Channel.Close(code, text, 50, 10), null));
    }

    private static IOException connectionClosed(int code, String text) {
        return new IOException(new ShutdownSignalException(true, false, new AMQImpl.Connection.Close(code, text, 10, 40), null));
    }

    @Test
    void aQueueDeclaredDurableByLogstashNamesTheOptionToSet() {
        assertEquals("queue 'logstash-queue' already exists with durable = true, Moustash asked for durable = false:"
                + " set rabbitmq_queue_durable = 1 to match it (or delete the queue)",
                errors.explain(channelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'durable' for queue"
                        + " 'logstash-queue' in vhost '/': received 'false' but current is 'true'"),
                        AmqpErrors.Declaration.QUEUE));
    }

    @Test
    void anExchangeOfAnotherTypeNamesTheOptionToSet() {
        assertEquals("exchange 'logstash-exchange' already exists with type = topic, Moustash asked for type = direct:"
                + " set rabbitmq_exchange_type = topic to match it (or delete the exchange)",
                errors.explain(channelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange"
                        + " 'logstash-exchange' in vhost '/': received 'direct' but current is 'topic'"),
                        AmqpErrors.Declaration.EXCHANGE));
    }

    @Test
    void anArgumentMoustashHasNoOptionForPointsToNotDeclaring() {
        assertEquals("queue 'logstash-queue' already exists with x-queue-type = quorum, Moustash asked for"
                + " x-queue-type = none: set rabbitmq_declare = 0 to publish without declaring",
                errors.explain(channelClosed(406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue"
                        + " 'logstash-queue' in vhost '/': received none but current is the value 'quorum' of type"
                        + " 'longstr'"), AmqpErrors.Declaration.QUEUE));
    }

    @Test
    void rabbitmqsVirtualHostRefusalsAreToldApart() {
        assertEquals("virtual host '/' does not exist (rabbitmq_vhost): NOT_ALLOWED - vhost / not found",
                errors.explain(connectionClosed(530, "NOT_ALLOWED - vhost / not found"), null));
        assertEquals("user 'guest' may not use virtual host '/' (rabbitmq_vhost, or grant it with rabbitmqctl"
                + " set_permissions): NOT_ALLOWED - access to vhost '/' refused for user 'guest'",
                errors.explain(connectionClosed(530, "NOT_ALLOWED - access to vhost '/' refused for user 'guest'"), null));
    }
}
