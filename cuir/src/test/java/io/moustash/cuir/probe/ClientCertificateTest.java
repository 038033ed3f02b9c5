package io.moustash.cuir.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TlsClient;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.cuir.testing.TestPki;
import io.moustash.event.UserFields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls} probes against JDK TLS servers that require a client certificate their CA signed. With
 * TLS 1.3 the refusal comes after the client's handshake is done, as an alert: the probe must wait for
 * it rather than report up.
 */
class ClientCertificateTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static LoopbackTargets targets;
    private static ProbeEngine engine;
    private static int tls13;
    private static int tls12;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        targets = new LoopbackTargets();
        tls13 = targets.tlsRequiringClient(pki.serverContext("valid"), "TLSv1.3", "");
        tls12 = targets.tlsRequiringClient(pki.serverContext("valid"), "TLSv1.2", "* OK ready\r\n");
        engine = new ProbeEngine(0, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        engine.close();
        targets.close();
    }

    private static ProbeResult probe(int port, String expect, TlsClient client) throws Exception {
        TcpCheck check = new TcpCheck(new Target("127.0.0.1", port), new byte[0],
                expect == null ? null : Pattern.compile(expect, Pattern.MULTILINE), true, 0, client);
        ProbeSpec spec = new ProbeSpec("imaps", check, "", Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1, ActiveWindows.always(), List.of(), UserFields.NONE);
        return engine.probe(spec).get(10, TimeUnit.SECONDS);
    }

    private static TlsClient signed() {
        return new TlsClient(null, pki.clientCert(), pki.clientKey(), false);
    }

    private static TlsClient stranger() {
        return new TlsClient(null, pki.strangerCert(), pki.strangerKey(), false);
    }

    @Test
    void tls13WithoutACertificateIsRefusedAfterTheHandshakeNotUp() throws Exception {
        ProbeResult r = probe(tls13, null, TlsClient.NONE);
        // The JDK's server answers a missing certificate with bad_certificate (others: certificate_required).
        assertEquals("tls_failure: the server refused the handshake (bad_certificate): does it require a client"
                + " certificate? set tls_cert and tls_key", r.explanation());
    }

    @Test
    void tls13WithACertificateItsCaSignedIsUp() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = probe(tls13, null, signed());
        assertEquals(Status.UP, r.status(), r.explanation());
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500),
                "up once the server's session ticket came, or after the 250 ms settle time");
    }

    @Test
    void tls13WithAStrangersCertificateIsRefused() throws Exception {
        ProbeResult r = probe(tls13, null, stranger());
        assertEquals(Reason.TLS_FAILURE, r.reason());
        assertTrue(r.detail().startsWith("the server refused the client certificate tls_cert = " + pki.strangerCert() + " ("),
                r.detail());
    }

    @Test
    void tls12RefusesDuringTheHandshakeAndAcceptsTheSignedCertificate() throws Exception {
        ProbeResult without = probe(tls12, "^\\* OK", TlsClient.NONE);
        assertEquals(Reason.TLS_FAILURE, without.reason());
        assertTrue(without.detail().startsWith("the server refused the handshake ("), without.detail());
        assertFalse(without.detail().length() > 160, without.detail());
        ProbeResult with = probe(tls12, "^\\* OK", signed());
        assertEquals(Status.UP, with.status(), with.explanation());
        ProbeResult wrong = probe(tls12, "^\\* OK", stranger());
        assertEquals(Reason.TLS_FAILURE, wrong.reason());
        assertTrue(wrong.detail().startsWith("the server refused the client certificate tls_cert = "), wrong.detail());
    }
}
