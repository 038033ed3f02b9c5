package io.moustash.transport.amqp;

import com.rabbitmq.client.Address;
import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.Parsers;
import io.moustash.config.ValueParser;
import io.moustash.transport.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code [moustash]} options of the RabbitMQ transport. Names and defaults are the original
 * Moustash's (which declared a transient direct exchange and queue, as logstash's rabbitmq input
 * does by default); {@code rabbitmq_ssl_verify}, {@code rabbitmq_delivery_mode},
 * {@code rabbitmq_declare}, {@code rabbitmq_url}, {@code rabbitmq_hosts} and
 * {@code rabbitmq_timeout} are new.
 */
public final class RabbitOptions {
    public static final int PLAIN_PORT = 5672;
    public static final int TLS_PORT = 5671;

    public static final Option<String> HOST = Option.of("rabbitmq_host", Parsers.nonEmptyText(), "localhost",
            "RabbitMQ host name or address.");
    public static final Option<Integer> PORT = Option.of("rabbitmq_port", Parsers.port(), PLAIN_PORT,
            "RabbitMQ port; when unset and rabbitmq_ssl = 1, 5671.");
    public static final Option<String> VHOST = Option.of("rabbitmq_vhost", Parsers.nonEmptyText(), "/",
            "Virtual host.");
    public static final Option<String> USERNAME = Option.of("rabbitmq_username", Parsers.nonEmptyText(), "guest",
            "User name (RabbitMQ's guest user may only log in from localhost).");
    public static final Option<String> PASSWORD = Option.of("rabbitmq_password", Parsers.text(), "guest",
            "Password; never logged.").asSecret();
    public static final Option<String> QUEUE = Option.of("rabbitmq_queue", Parsers.nonEmptyText(), "logstash-queue",
            "Queue declared and bound to the exchange: logstash's rabbitmq input `queue`.");
    public static final Option<String> KEY = Option.of("rabbitmq_key", Parsers.text(), "logstash-key",
            "Routing key events are published with and the queue is bound with: logstash's `key`.");
    public static final Option<String> EXCHANGE = Option.of("rabbitmq_exchange", Parsers.nonEmptyText(),
            "logstash-exchange", "Exchange events are published to: logstash's `exchange`.");
    public static final Option<String> EXCHANGE_TYPE = Option.of("rabbitmq_exchange_type",
            Parsers.choice("direct", "fanout", "topic", "headers"), "direct",
            "Exchange type when Moustash declares it: direct, fanout, topic or headers.");
    public static final Option<Boolean> EXCHANGE_DURABLE = Option.of("rabbitmq_exchange_durable", Parsers.bool(), false,
            "Declare the exchange durable (survives a broker restart).");
    public static final Option<Boolean> QUEUE_DURABLE = Option.of("rabbitmq_queue_durable", Parsers.bool(), false,
            "Declare the queue durable: must match logstash's `durable`.");
    public static final Option<Boolean> SSL = Option.of("rabbitmq_ssl", Parsers.bool(), false,
            "Connect with TLS (amqps).");
    public static final Option<Path> SSL_KEY = Option.of("rabbitmq_ssl_key", Parsers.path(), null,
            "PEM private key (PKCS#8, or PKCS#1 RSA) of the client certificate, for brokers that require one.");
    public static final Option<Path> SSL_CERT = Option.of("rabbitmq_ssl_cert", Parsers.path(), null,
            "PEM client certificate (with its chain), for brokers that require one.");
    public static final Option<Path> SSL_CACERT = Option.of("rabbitmq_ssl_cacert", Parsers.path(), null,
            "PEM file of the CA certificate(s) that sign the broker's certificate; default: the JDK's trusted CAs.");
    public static final Option<Boolean> SSL_VERIFY = Option.of("rabbitmq_ssl_verify", Parsers.bool(), true,
            "Verify the broker's certificate chain and host name; 0 accepts any certificate (testing only).");
    public static final Option<Integer> DELIVERY_MODE = Option.of("rabbitmq_delivery_mode", Parsers.integer(1, 2), 2,
            "2: persistent messages (kept on disk in durable queues); 1: transient.");
    public static final Option<Boolean> DECLARE = Option.of("rabbitmq_declare", Parsers.bool(), true,
            "1: declare the exchange, the queue and the binding; 0: only publish to an exchange declared by someone else.");
    public static final Option<String> URL = Option.of("rabbitmq_url", amqpUrl(), null,
            "amqp:// or amqps:// URL (user, password, host, port, vhost); overrides the single options.").asSecret();
    public static final Option<List<Address>> HOSTS = Option.of("rabbitmq_hosts", addresses(), null,
            "Comma list of host:port of a cluster: the first that answers is used, the next on failure.");
    public static final Option<Duration> TIMEOUT = Option.of("rabbitmq_timeout", Parsers.seconds(), Duration.ofSeconds(5),
            "Seconds to wait for a connection, a declaration or a confirmation before the broker counts as unavailable.");

    public static final List<Option<?>> ALL = List.of(HOST, PORT, VHOST, USERNAME, PASSWORD, QUEUE, KEY, EXCHANGE,
            EXCHANGE_TYPE, EXCHANGE_DURABLE, QUEUE_DURABLE, SSL, SSL_KEY, SSL_CERT, SSL_CACERT, SSL_VERIFY,
            DELIVERY_MODE, DECLARE, URL, HOSTS, TIMEOUT);

    private RabbitOptions() {
    }

    public static RabbitSettings settings(OptionValues values) {
        String host = values.get(HOST);
        String vhost = values.get(VHOST);
        String username = values.get(USERNAME);
        String password = values.get(PASSWORD);
        boolean ssl = values.get(SSL);
        int port = values.isSet(PORT) ? values.get(PORT) : ssl ? TLS_PORT : PLAIN_PORT;
        if (values.get(URL) != null) {
            AmqpUrl url = AmqpUrl.parse(values.get(URL));
            host = url.host();
            port = url.port();
            vhost = url.vhost();
            username = url.username();
            password = url.password();
            ssl = url.tls();
        }
        List<Address> addresses = values.get(HOSTS);
        if (addresses == null) {
            addresses = List.of(new Address(host, port));
        } else {
            int defaultPort = port;
            addresses = addresses.stream()
                    .map(a -> a.getPort() > 0 ? a : new Address(a.getHost(), defaultPort)).toList();
        }
        TlsSettings tls = new TlsSettings(ssl, values.get(SSL_CACERT), values.get(SSL_CERT), values.get(SSL_KEY),
                values.get(SSL_VERIFY), "rabbitmq_ssl");
        return new RabbitSettings(addresses, vhost, username, password, values.get(EXCHANGE),
                values.get(EXCHANGE_TYPE), values.get(EXCHANGE_DURABLE), values.get(QUEUE), values.get(QUEUE_DURABLE),
                values.get(KEY), values.get(DELIVERY_MODE), values.get(DECLARE), tls, values.get(TIMEOUT));
    }

    private static ValueParser<String> amqpUrl() {
        return text -> {
            AmqpUrl.parse(text.trim());
            return text.trim();
        };
    }

    private static ValueParser<List<Address>> addresses() {
        return text -> {
            List<Address> addresses;
            try {
                addresses = List.of(Address.parseAddresses(text.trim()));
            } catch (RuntimeException e) {
                addresses = List.of();
            }
            if (addresses.isEmpty() || addresses.stream().anyMatch(a -> a.getHost() == null || a.getHost().isBlank())) {
                throw new IllegalArgumentException("expected host:port pairs separated by commas, e.g. rabbit1:5672, rabbit2:5672");
            }
            return addresses;
        };
    }
}
