package io.moustash.transport.amqp;

import com.rabbitmq.client.Address;
import io.moustash.transport.tls.TlsSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where and how the RabbitMQ transport connects and publishes, as read from {@code [moustash]}.
 *
 * @param addresses the brokers to try, in order (one unless {@code rabbitmq_hosts} lists a cluster)
 * @param deliveryMode 2 persistent, 1 transient
 * @param declare whether to declare the exchange, the queue and the binding before publishing
 */
public record RabbitSettings(List<Address> addresses, String vhost, String username, String password,
        String exchange, String exchangeType, boolean exchangeDurable, String queue, boolean queueDurable,
        String key, int deliveryMode, boolean declare, TlsSettings tls, Duration timeout) {

    public RabbitSettings {
        addresses = List.copyOf(addresses);
    }

    /** host:port of each broker, comma separated; never a password. */
    public String address() {
        return addresses.stream().map(RabbitSettings::hostPort).collect(Collectors.joining(","));
    }

    static String hostPort(Address address) {
        String host = address.getHost();
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * See {@link io.moustash.transport.Transport#destination()}:
     * {@code rabbitmq HOST:PORT[,HOST:PORT…] vhost V exchange E key K}. No user, password or TLS.
     */
    public String destination() {
        return "rabbitmq " + address() + " vhost " + vhost + " exchange " + exchange + " key " + key;
    }

    @Override
    public String toString() {
        return "RabbitSettings[" + address() + " vhost " + vhost + " user " + username + ", exchange " + exchange
                + " key " + key + (tls.enabled() ? ", tls" : "") + "]";
    }
}
