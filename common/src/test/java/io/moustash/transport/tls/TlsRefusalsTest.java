package io.moustash.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Address;
import io.moustash.testing.TestCertificates;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import io.moustash.transport.amqp.AmqpTransport;
import io.moustash.transport.amqp.RabbitSettings;
import io.moustash.transport.redis.RedisSettings;
import io.moustash.transport.redis.RedisTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each TLS refusal, through both transports, against a JDK TLS server presenting a certificate
 * for {@code localhost} only. The server closes every connection after the handshake, so a
 * handshake that succeeds shows up as a non-TLS failure.
 */
class TlsRefusalsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static SSLServerSocket tlsServer;
    private static ServerSocket plainServer;

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.create(dir);
        tlsServer = certificates.serverSocket();
        plainServer = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        serve(tlsServer, socket -> {
            ((SSLSocket) socket).startHandshake();
        });
        // What a RabbitMQ plain listener answers to bytes it does not understand: its protocol header.
        serve(plainServer, socket -> socket.getOutputStream().write("AMQP\0\0\u0009\u0001".getBytes(StandardCharsets.ISO_8859_1)));
    }

    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private static void serve(ServerSocket server, Handler handler) {
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(5000);
                    handler.handle(socket);
                } catch (IOException e) {
                    // a refused handshake is what these tests cause
                }
            }
        }, "tls-test-server");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterAll
    static void stopServers() throws IOException {
        tlsServer.close();
        plainServer.close();
    }

    private static String amqpFailure(String host, int port, Path caCert) {
        TlsSettings tls = new TlsSettings(true, caCert, null, null, true, "rabbitmq_ssl");
        RabbitSettings settings = new RabbitSettings(List.of(new Address(host, port)), "/", "guest", "guest",
                "logstash-exchange", "direct", false, "logstash-queue", false, "logstash-key", 2, true, tls,
                Duration.ofSeconds(3));
        try (Transport transport = new AmqpTransport(settings)) {
            String message = assertThrows(TransportException.class,
                    () -> transport.send(List.of("{}".getBytes(StandardCharsets.UTF_8)))).getMessage();
            assertFalse(message.contains("\n"), message);
            return message;
        }
    }

    private static String redisFailure(String host, int port, Path caCert) {
        TlsSettings tls = new TlsSettings(true, caCert, null, null, true, "redis_ssl");
        RedisSettings settings = new RedisSettings(host, port, 0, "logstash:moustash", null,
                RedisSettings.DataType.LIST, null, Duration.ofSeconds(3), tls);
        try (Transport transport = new RedisTransport(settings)) {
            String message = assertThrows(TransportException.class,
                    () -> transport.send(List.of("{}".getBytes(StandardCharsets.UTF_8)))).getMessage();
            assertFalse(message.contains("\n"), message);
            return message;
        }
    }

    @Test
    void anUntrustedCertificateIsNamedWithTheOptionThatTrustsIt() {
        int port = tlsServer.getLocalPort();
        assertEquals("rabbitmq localhost:" + port + ": TLS server certificate is not trusted: it is not signed by"
                + " the JDK's CAs (set rabbitmq_ssl_cacert)", amqpFailure("localhost", port, null));
        assertEquals("redis localhost:" + port + ": TLS server certificate is not trusted: it is not signed by"
                + " the JDK's CAs (set redis_ssl_cacert)", redisFailure("localhost", port, null));
    }

    @Test
    void aHostNameTheCertificateDoesNotHoldIsAMismatch() {
        int port = tlsServer.getLocalPort();
        String amqp = amqpFailure("127.0.0.1", port, certificates.certificate());
        assertEquals("rabbitmq 127.0.0.1:" + port + ": TLS host name mismatch: the server certificate does not name"
                + " this host (No subject alternative names matching IP address 127.0.0.1 found); connect by a name the certificate holds,"
                + " or set rabbitmq_ssl_verify = 0", amqp);
        String redis = redisFailure("127.0.0.1", port, certificates.certificate());
        assertEquals("redis 127.0.0.1:" + port + ": TLS host name mismatch: the server certificate does not name"
                + " this host (No subject alternative names matching IP address 127.0.0.1 found); connect by a name the certificate holds,"
                + " or set redis_ssl_verify = 0", redis);
    }

    @Test
    void aTrustedCertificateForTheHostPassesTheHandshake() {
        int port = tlsServer.getLocalPort();
        String amqp = amqpFailure("localhost", port, certificates.certificate());
        assertFalse(amqp.contains("TLS"), amqp);
        String redis = redisFailure("localhost", port, certificates.certificate());
        assertFalse(redis.contains("TLS"), redis);
    }

    @Test
    void aPlainPortIsNotMistakenForABrokenCertificate() {
        int port = plainServer.getLocalPort();
        assertEquals("rabbitmq localhost:" + port + ": TLS handshake failed: the server did not answer in TLS"
                + " (is this a plain port? check rabbitmq_ssl and the port)",
                amqpFailure("localhost", port, certificates.certificate()));
    }
}
