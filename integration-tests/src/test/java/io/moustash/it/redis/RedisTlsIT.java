package io.moustash.it.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.moustash.config.IniDocument;
import io.moustash.it.Services;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Debian's redis-server with {@code requirepass} and only a {@code --tls-port} listener that
 * requires client certificates: TLS through Lettuce's own options, AUTH, and each refusal.
 */
class RedisTlsIT {

    private static MoustashSettings settings(String... lines) {
        return MoustashSettings.read(IniDocument.parse("[moustash]\ntransport = redis\n" + String.join("\n", lines)
                + "\n", "it.ini"), line -> { });
    }

    private static String[] secure(String host, String... more) {
        List<String> all = new ArrayList<>(List.of("redis_ssl = 1", "redis_host = " + host,
                "redis_port = " + Services.redisTlsPort(), "redis_password = " + Services.redisTlsPassword(),
                "redis_ssl_cacert = " + Services.tls("ca.pem"), "redis_ssl_cert = " + Services.tls("client.pem"),
                "redis_ssl_key = " + Services.tls("client-key.pem"), "redis_timeout = 3"));
        all.addAll(Arrays.asList(more));
        return all.toArray(new String[0]);
    }

    private static String failure(MoustashSettings settings) {
        try (Transport transport = Wiring.transport(settings)) {
            try {
                transport.send(List.of("{}".getBytes(StandardCharsets.UTF_8)));
            } catch (TransportException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                assertFalse(e.getMessage().contains(Services.redisTlsPassword()), e.getMessage());
                return e.getMessage();
            }
        }
        throw new AssertionError("sent, but a failure was expected");
    }

    /** Reads the list back over TLS with the client certificate, as a logstash redis input with ssl would. */
    private static List<String> drain(String key) {
        RedisURI uri = RedisURI.builder().withHost("localhost").withPort(Services.redisTlsPort()).withSsl(true)
                .withPassword(Services.redisTlsPassword().toCharArray()).build();
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                .trustManager(Services.tls("ca.pem").toFile())
                .keyManager(Services.tls("client.pem").toFile(), Services.tls("client-key.pem").toFile(), null)
                .build()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> items = connection.sync().lrange(key, 0, -1);
            connection.sync().del(key);
            return items;
        } finally {
            client.shutdown();
        }
    }

    @Test
    void tlsWithPasswordAndClientCertificateDelivers() {
        String key = "it:tls:" + UUID.randomUUID();
        try (Transport transport = Wiring.transport(settings(secure("localhost", "redis_namespace = " + key)))) {
            transport.send(List.of("{\"tls\":1}".getBytes(StandardCharsets.UTF_8)));
            assertFalse(transport.describe().contains(Services.redisTlsPassword()));
        }
        try (Transport transport = Wiring.transport(settings("redis_url = rediss://:" + Services.redisTlsPassword()
                + "@localhost:" + Services.redisTlsPort(), "redis_namespace = " + key,
                "redis_ssl_cacert = " + Services.tls("ca.pem"), "redis_ssl_cert = " + Services.tls("client.pem"),
                "redis_ssl_key = " + Services.tls("client-key-pkcs1.pem")))) {
            transport.send(List.of("{\"tls\":2}".getBytes(StandardCharsets.UTF_8)));
        }
        try (Transport transport = Wiring.transport(settings(secure("127.0.0.1", "redis_namespace = " + key,
                "redis_ssl_verify = 0")))) {
            transport.send(List.of("{\"tls\":3}".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("{\"tls\":1}", "{\"tls\":2}", "{\"tls\":3}"), drain(key));
    }

    @Test
    void aWrongOrMissingPasswordIsNamed() {
        String where = "redis localhost:" + Services.redisTlsPort() + ": ";
        assertEquals(where + "authentication failed: wrong password (redis_password)",
                failure(settings(secure("localhost", "redis_password = not-it"))));
        List<String> noPassword = new ArrayList<>(List.of(secure("localhost")));
        noPassword.removeIf(line -> line.startsWith("redis_password"));
        assertEquals(where + "authentication required: set redis_password",
                failure(settings(noPassword.toArray(new String[0]))));
    }

    @Test
    void eachTlsRefusalIsNamed() {
        String where = "redis localhost:" + Services.redisTlsPort() + ": ";
        assertEquals(where + "TLS server certificate is not trusted: it is not signed by redis_ssl_cacert = "
                + Services.tls("other-ca.pem"),
                failure(settings(secure("localhost", "redis_ssl_cacert = " + Services.tls("other-ca.pem")))));
        assertEquals("redis 127.0.0.1:" + Services.redisTlsPort() + ": TLS host name mismatch: the server certificate"
                + " does not name this host (No subject alternative names matching IP address 127.0.0.1 found);"
                + " connect by a name the certificate holds, or set redis_ssl_verify = 0",
                failure(settings(secure("127.0.0.1"))));
        assertEquals(where + "the server reset the connection (a TLS port needs redis_ssl = 1 or a rediss:// redis_url)",
                failure(settings("redis_host = localhost", "redis_port = " + Services.redisTlsPort(), "redis_timeout = 2")));
        List<String> noCertificate = new ArrayList<>(List.of(secure("localhost")));
        noCertificate.removeIf(line -> line.startsWith("redis_ssl_cert") || line.startsWith("redis_ssl_key"));
        // the JDK sees either the server's certificate_required alert or, when the server closed first, a reset
        String refused = failure(settings(noCertificate.toArray(new String[0])));
        assertTrue(refused.equals(where + "TLS handshake failed: the server refused the client certificate (set"
                + " redis_ssl_cert and redis_ssl_key): Received fatal alert: certificate_required")
                || refused.equals(where + "the server reset the TLS connection after the handshake: if it requires a"
                        + " client certificate, set redis_ssl_cert and redis_ssl_key"), refused);
    }
}
