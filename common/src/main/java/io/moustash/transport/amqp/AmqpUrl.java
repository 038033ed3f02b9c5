package io.moustash.transport.amqp;

import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * An {@code amqp://} or {@code amqps://} URL, read by amqp-client's own URI parser (percent
 * decoding, the vhost in the path, default ports). The parser is given the plain scheme so it does
 * not install its trust-everything TLS context: TLS is set up from the {@code rabbitmq_ssl_*}
 * options instead.
 */
record AmqpUrl(String host, int port, String vhost, String username, String password, boolean tls) {

    static AmqpUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps") || uri.getHost() == null) {
            throw invalid();
        }
        boolean tls = scheme.equals("amqps");
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri("amqp" + text.trim().substring(scheme.length()));
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw invalid();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? RabbitOptions.TLS_PORT : RabbitOptions.PLAIN_PORT;
        return new AmqpUrl(factory.getHost(), port, factory.getVirtualHost(), factory.getUsername(),
                factory.getPassword(), tls);
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("expected amqp://user:password@host:port/vhost or amqps://... (vhost / is written %2F)");
    }

    @Override
    public String toString() {
        return "AmqpUrl[" + host + ":" + port + "]";
    }
}
