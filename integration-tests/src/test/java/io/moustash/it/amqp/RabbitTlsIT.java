package io.moustash.it.amqp;

import static io.moustash.it.amqp.RabbitBroker.admin;
import static io.moustash.it.amqp.RabbitBroker.bytes;
import static io.moustash.it.amqp.RabbitBroker.failure;
import static io.moustash.it.amqp.RabbitBroker.settings;
import static io.moustash.it.amqp.RabbitBroker.unique;
import static io.moustash.it.amqp.RabbitBroker.withChannel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.common.MoustashException;
import io.moustash.it.Services;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashRabbitReader;
import io.moustash.transport.Transport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TLS to rabbitmq-server's TLS listener (server certificate for DNS:localhost, client certificate
 * required), with certificates openssl made: the way that works, and each refusal.
 */
class RabbitTlsIT {

    private static String[] tls(String host, String... more) {
        String[] base = {"rabbitmq_ssl = 1", "rabbitmq_host = " + host, "rabbitmq_port = " + Services.rabbitmqTlsPort(),
                "rabbitmq_ssl_cacert = " + Services.tls("ca.pem"), "rabbitmq_ssl_cert = " + Services.tls("client.pem"),
                "rabbitmq_ssl_key = " + Services.tls("client-key.pem")};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String where(String host) {
        return "rabbitmq " + host + ":" + Services.rabbitmqTlsPort() + ": ";
    }

    @Test
    void verifiedTlsWithAClientCertificateDelivers() throws Exception {
        String queue = unique("tls-q");
        try (Transport transport = Wiring.transport(settings(tls("localhost", "rabbitmq_queue = " + queue)))) {
            transport.send(List.of(bytes("{\"tls\":\"pkcs8\"}")));
        }
        // an older openssl's PKCS#1 key works the same
        try (Transport transport = Wiring.transport(settings(tls("localhost", "rabbitmq_queue = " + queue,
                "rabbitmq_ssl_key = " + Services.tls("client-key-pkcs1.pem"))))) {
            transport.send(List.of(bytes("{\"tls\":\"pkcs1\"}")));
        }
        // not verifying accepts the name mismatch of 127.0.0.1 and needs no CA file
        try (Transport transport = Wiring.transport(settings("rabbitmq_ssl = 1", "rabbitmq_host = 127.0.0.1",
                "rabbitmq_port = " + Services.rabbitmqTlsPort(), "rabbitmq_ssl_verify = 0",
                "rabbitmq_ssl_cert = " + Services.tls("client.pem"), "rabbitmq_ssl_key = " + Services.tls("client-key.pem"),
                "rabbitmq_queue = " + queue))) {
            transport.send(List.of(bytes("{\"tls\":\"unverified\"}")));
        }
        try (LogstashRabbitReader logstash = new LogstashRabbitReader(admin(), "logstash-exchange", queue,
                "logstash-key", false)) {
            assertEquals(List.of("{\"tls\":\"pkcs8\"}", "{\"tls\":\"pkcs1\"}", "{\"tls\":\"unverified\"}"),
                    logstash.awaitBodies(3, Duration.ofSeconds(5)));
        } finally {
            withChannel(ch -> ch.queueDelete(queue));
        }
    }

    @Test
    void aCertificateSignedByAnotherCaIsNotTrusted() {
        assertEquals(where("localhost") + "TLS server certificate is not trusted: it is not signed by rabbitmq_ssl_cacert = "
                + Services.tls("other-ca.pem"),
                failure(settings(tls("localhost", "rabbitmq_ssl_cacert = " + Services.tls("other-ca.pem")))));
    }

    @Test
    void anAddressTheCertificateDoesNotNameIsAHostNameMismatch() {
        assertEquals(where("127.0.0.1") + "TLS host name mismatch: the server certificate does not name this host"
                + " (No subject alternative names matching IP address 127.0.0.1 found); connect by a name the"
                + " certificate holds, or set rabbitmq_ssl_verify = 0", failure(settings(tls("127.0.0.1"))));
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheHandshake() {
        String message = failure(settings("rabbitmq_ssl = 1", "rabbitmq_host = localhost",
                "rabbitmq_port = " + Services.rabbitmqTlsPort(), "rabbitmq_ssl_cacert = " + Services.tls("ca.pem")));
        // the JDK sees either the server's certificate_required alert or, when the server closed first, a reset
        assertTrue(message.equals(where("localhost") + "TLS handshake failed: the server refused the client certificate"
                + " (set rabbitmq_ssl_cert and rabbitmq_ssl_key): Received fatal alert: certificate_required")
                || message.equals(where("localhost") + "the server reset the TLS connection after the handshake: if it"
                        + " requires a client certificate, set rabbitmq_ssl_cert and rabbitmq_ssl_key"), message);
    }

    @Test
    void theWrongProtocolOnEitherPortSaysWhichOptionToCheck() {
        assertEquals("rabbitmq localhost:" + Services.rabbitmqPort() + ": TLS handshake failed: the server did not answer"
                + " in TLS (is this a plain port? check rabbitmq_ssl and the port)",
                failure(settings(tls("localhost", "rabbitmq_port = " + Services.rabbitmqPort()))));
        assertEquals("rabbitmq localhost:" + Services.rabbitmqTlsPort() + ": the server closed the connection during the"
                + " handshake (a TLS port needs rabbitmq_ssl = 1)", failure(settings("rabbitmq_host = localhost",
                        "rabbitmq_port = " + Services.rabbitmqTlsPort(), "rabbitmq_timeout = 2")));
    }

    @Test
    void anEncryptedKeyStopsTheToolAsAConfigurationError() {
        MoustashException e = assertThrows(MoustashException.class, () -> Wiring.transport(settings(tls("localhost",
                "rabbitmq_ssl_key = " + Services.tls("client-key-encrypted.pem")))));
        assertEquals(78, e.exitCode());
        assertEquals("rabbitmq_ssl_key = " + Services.tls("client-key-encrypted.pem") + ": encrypted private keys are"
                + " not supported; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8", e.getMessage());
    }
}
