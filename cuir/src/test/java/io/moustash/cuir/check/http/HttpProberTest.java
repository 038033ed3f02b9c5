package io.moustash.cuir.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.check.HttpDetails;
import io.moustash.cuir.check.TlsClient;
import io.moustash.cuir.config.ActiveWindows;
import io.moustash.cuir.config.ProbeSpec;
import io.moustash.cuir.probe.ProbeEngine;
import io.moustash.cuir.probe.ProbeResult;
import io.moustash.cuir.probe.Reason;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.testing.HttpTargets;
import io.moustash.cuir.testing.LoopbackTargets;
import io.moustash.cuir.testing.TestPki;
import io.moustash.event.UserFields;
import java.nio.file.Path;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP probes against the JDK's HTTP and HTTPS servers on 127.0.0.1, with certificates from a test CA. */
class HttpProberTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static HttpTargets targets;
    private static ProbeEngine engine;
    private static int http;
    private static int https;
    private static int expiring;
    private static int expired;
    private static int clientOnly;
    private static int elsewhere;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        targets = new HttpTargets();
        http = targets.http();
        https = targets.https(pki.serverContext("valid"), false);
        expiring = targets.https(pki.serverContext("expiring"), false);
        expired = targets.https(pki.serverContext("expired"), false);
        clientOnly = targets.https(pki.serverContext("valid"), true);
        elsewhere = targets.https(pki.serverContext("elsewhere"), false);
        engine = new ProbeEngine(0, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        engine.close();
        targets.close();
    }

    /** A GET of {@code url} trusting the test CA. */
    private static HttpChecks get(String url) {
        return new HttpChecks(url).withTls(new TlsClient(pki.caFile(), null, null, true));
    }

    private static ProbeResult probe(HttpChecks check) throws Exception {
        return probe(check, TIMEOUT);
    }

    private static ProbeResult probe(HttpChecks check, Duration timeout) throws Exception {
        ProbeSpec spec = new ProbeSpec("web", check.build(), "", timeout, Duration.ofSeconds(5), Duration.ofSeconds(5), 1,
                ActiveWindows.always(), List.of(), UserFields.NONE);
        return engine.probe(spec).get(10, TimeUnit.SECONDS);
    }

    private static HttpDetails details(ProbeResult r) {
        return (HttpDetails) r.details();
    }

    private static List<JsonRule> rules(String... lines) {
        return Arrays.stream(lines).map(JsonRule::parse).toList();
    }

    @Test
    void anAcceptedStatusIsUpWithTheTimingsOfEachPhase() throws Exception {
        ProbeResult r = probe(get("http://127.0.0.1:" + http + "/"));
        assertEquals(Status.UP, r.status(), r.explanation());
        HttpDetails d = details(r);
        assertEquals(200, d.statusCode());
        assertEquals("127.0.0.1", d.address().getHostAddress());
        assertTrue(d.dnsMicros() >= 0 && d.connectMicros() >= 0 && d.firstByteMicros() >= 0, d.toString());
        assertEquals(-1, d.tlsMicros(), "no TLS over http");
        assertTrue(d.firstByteMicros() < TIMEOUT.toNanos() / 1000, d.toString());
    }

    @Test
    void theStatusMustBeAmongTheAcceptedOnes() throws Exception {
        ProbeResult r = probe(get("http://127.0.0.1:" + http + "/status/503"));
        assertEquals(Status.DOWN, r.status());
        assertEquals("http_status: status 503, expected 200-399", r.explanation());
        assertEquals(503, details(r).statusCode());
        assertEquals(Status.UP, probe(get("http://127.0.0.1:" + http + "/status/503").withStatus(StatusCodes.parse("200,500-503"))).status());
        assertEquals(Status.DOWN, probe(get("http://127.0.0.1:" + http + "/status/204").withStatus(StatusCodes.parse("200"))).status());
        assertEquals(Status.UP, probe(get("http://127.0.0.1:" + http + "/status/204").withStatus(StatusCodes.parse("200,204"))).status());
    }

    @Test
    void expectSearchesTheBodysFirst64KiB() throws Exception {
        String root = "http://127.0.0.1:" + http + "/";
        assertEquals(Status.UP, probe(get(root).withExpect("^hello from")).status());
        ProbeResult miss = probe(get(root).withExpect("goodbye"));
        assertEquals("expect_mismatch: no match in the body: 'hello from moustash'", miss.explanation());
        ProbeResult big = probe(get(root + "big").withExpect("needle"));
        assertEquals(Status.DOWN, big.status());
        assertTrue(big.detail().startsWith("no match in the body's first 64 KiB: 'xxx"), big.detail());
    }

    @Test
    void jsonRulesMakeTheResultWarningOrDown() throws Exception {
        String json = "http://127.0.0.1:" + http + "/json";
        assertEquals(Status.UP, probe(get(json).withJson(rules("status = ok", "queue.depth > 1000", "version ~ ^2\\.",
                "nodes.1.state != down", "healthy = true", "note = null"))).status());
        ProbeResult warning = probe(get(json).withJson(rules("status = ok", "queue.depth < 1000 else warning")));
        assertEquals(Status.WARNING, warning.status());
        assertEquals("json_mismatch: queue.depth is 1500, expected < 1000", warning.explanation());
        ProbeResult down = probe(get(json).withJson(rules("queue.depth < 1000 else warning", "status = degraded",
                "nodes.5.state = up")));
        assertEquals(Status.DOWN, down.status());
        assertEquals("json_mismatch: status is 'ok', expected = degraded; nodes.5.state is missing", down.explanation());
        ProbeResult notJson = probe(get("http://127.0.0.1:" + http + "/").withJson(rules("status = ok")));
        assertEquals(Status.DOWN, notJson.status());
        assertTrue(notJson.detail().startsWith("the body is not JSON ("), notJson.detail());
    }

    @Test
    void headersAndMethodAreSent() throws Exception {
        String base = "http://127.0.0.1:" + http;
        ProbeResult r = probe(get(base + "/headers").withHeaders(List.of(Header.parse("X-Probe: moustash"),
                Header.parse("Accept: application/json"))).withExpect("(?i)^x-probe: moustash$"));
        assertEquals(Status.UP, r.status(), r.explanation());
        assertEquals(Status.UP, probe(get(base + "/headers").withHeaders(List.of(Header.parse("Accept: application/json")))
                .withExpect("(?i)^accept: application/json$")).status(), "the configured header replaces Cuir's own");
        assertEquals(Status.DOWN, probe(get(base + "/headers").withHeaders(List.of(Header.parse("Accept: application/json")))
                .withExpect("(?i)^accept: \\*/\\*$")).status());
        assertEquals(Status.UP, probe(get(base + "/method").withMethod("POST").withExpect("^POST$")).status());
        ProbeResult head = probe(get(base + "/").withMethod("HEAD"));
        assertEquals(Status.UP, head.status(), head.explanation());
        assertEquals(200, details(head).statusCode());
    }

    @Test
    void redirectsAreFollowedOnlyWhenAskedAndAtMostFive() throws Exception {
        String base = "http://127.0.0.1:" + http;
        ProbeResult kept = probe(get(base + "/redirect/2"));
        assertEquals(Status.UP, kept.status(), "302 is within 200-399");
        assertEquals(302, details(kept).statusCode());
        assertEquals("http_status: status 302, expected 200", probe(get(base + "/redirect/2")
                .withStatus(StatusCodes.parse("200"))).explanation());
        ProbeResult followed = probe(get(base + "/redirect/2").withFollowRedirects().withExpect("^hello"));
        assertEquals(Status.UP, followed.status(), followed.explanation());
        assertEquals(200, details(followed).statusCode());
        assertEquals(3, details(followed).redirects());
        assertEquals(base + "/", details(followed).url().toString());
        ProbeResult loop = probe(get(base + "/loop").withFollowRedirects());
        assertEquals("http_status: more than 5 redirects, the last to '/loop'", loop.explanation());
    }

    @Test
    void configuredHeadersFollowARedirectOnlyToTheSameOrigin() throws Exception {
        String base = "http://127.0.0.1:" + http;
        String other = "http://127.0.0.1:" + targets.http();
        List<Header> token = List.of(Header.parse("Authorization: Bearer s3cret"));
        ProbeResult same = probe(get(base + "/away?/headers").withHeaders(token).withFollowRedirects()
                .withExpect("(?i)^authorization: Bearer s3cret$"));
        assertEquals(Status.UP, same.status(), same.explanation());
        ProbeResult away = probe(get(base + "/away?" + other + "/headers").withHeaders(token).withFollowRedirects()
                .withExpect("(?i)^authorization:"));
        assertEquals(1, details(away).redirects(), away.explanation());
        assertEquals(Status.DOWN, away.status(), "another origin never sees the token: " + away.explanation());
    }

    @Test
    void aSlowServerTimesOutAtTheProbesTimeout() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = probe(get("http://127.0.0.1:" + http + "/slow"), Duration.ofMillis(500));
        assertEquals("timeout: no response within 0.5 s", r.explanation());
        assertTrue(r.durationNanos() >= Duration.ofMillis(490).toNanos(), "waited the timeout");
        assertTrue(System.nanoTime() - start < Duration.ofMillis(1500).toNanos(), "and not much longer");
        assertTrue(details(r).connectMicros() >= 0 && details(r).firstByteMicros() == -1, details(r).toString());
    }

    @Test
    void everyPhaseIsBoundedByTheOneTimeout() throws Exception {
        try (LoopbackTargets silent = new LoopbackTargets()) {
            int port = silent.silent();
            long start = System.nanoTime();
            ProbeResult handshake = probe(get("https://127.0.0.1:" + port + "/"), Duration.ofMillis(400));
            assertEquals("timeout: TLS handshake not finished within 0.4 s", handshake.explanation());
            ProbeResult response = probe(get("http://127.0.0.1:" + port + "/"), Duration.ofMillis(400));
            assertEquals("timeout: no response within 0.4 s", response.explanation());
            ProbeResult connect = probe(get("http://127.0.0.1:" + silent.unresponsive() + "/"), Duration.ofMillis(400));
            assertEquals("timeout: no answer to connect within 0.4 s", connect.explanation());
            assertTrue(System.nanoTime() - start < Duration.ofMillis(3000).toNanos(), "three probes of 0.4 s");
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        ProbeResult r = probe(get("http://127.0.0.1:" + LoopbackTargets.closedPort() + "/"));
        assertEquals("refused", r.explanation());
        assertNull(details(r).statusCode());
    }

    @Test
    void httpsIsVerifiedAgainstTlsCaUnlessTlsVerifyIsOff() throws Exception {
        String url = "https://127.0.0.1:" + https + "/";
        ProbeResult r = probe(get(url));
        assertEquals(Status.UP, r.status(), r.explanation());
        assertTrue(details(r).tlsMicros() >= 0, details(r).toString());
        assertNotNull(details(r).certificateNotAfter());
        ProbeResult untrusted = probe(new HttpChecks(url));
        assertEquals("tls_failure: certificate not trusted: not signed by a CA the JDK trusts (set tls_ca, or tls_verify = no)",
                untrusted.explanation());
        assertEquals(Status.UP, probe(new HttpChecks(url).withTls(new TlsClient(null, null, null, false))).status());
        assertEquals(Status.UP, probe(get("https://localhost:" + https + "/")).status(), "the certificate names localhost too");
    }

    @Test
    void aCertificateForAnotherNameIsATlsFailureUnlessTlsVerifyIsOff() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            ProbeResult r = probe(get("https://" + host + ":" + elsewhere + "/"));
            assertEquals(Status.DOWN, r.status(), r.explanation());
            assertEquals(Reason.TLS_FAILURE, r.reason());
            assertTrue(r.detail().startsWith("the certificate does not name this host (No "), r.detail());
            assertTrue(r.detail().contains(host), r.detail());
        }
        assertEquals(Status.UP, probe(new HttpChecks("https://127.0.0.1:" + elsewhere + "/")
                .withTls(new TlsClient(null, null, null, false))).status());
    }

    @Test
    void anIpv6LiteralUrlIsProbedOnItsAddressWithItsHostHeader() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        int port;
        try {
            port = targets.http(v6);
        } catch (java.io.UncheckedIOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        ProbeResult r = probe(new HttpChecks("http://[::1]:" + port + "/headers").withExpect("(?i)^host: \\[::1\\]:" + port + "$"));
        assertEquals(Status.UP, r.status(), r.explanation());
        assertEquals(v6, details(r).address());
        assertEquals("http://[::1]:" + port + "/headers", details(r).target());
    }

    @Test
    void anExpiringCertificateWarnsAndAnExpiredOneIsDown() throws Exception {
        ProbeResult soon = probe(get("https://127.0.0.1:" + expiring + "/"));
        assertEquals(Status.WARNING, soon.status(), soon.explanation());
        assertEquals(Reason.CERTIFICATE_EXPIRING, soon.reason());
        assertTrue(soon.detail().startsWith("certificate expires in 1 day, on "), soon.detail());
        ProbeResult verified = probe(get("https://127.0.0.1:" + expired + "/"));
        assertEquals(Reason.TLS_FAILURE, verified.reason());
        assertTrue(verified.detail().startsWith("certificate expired: "), verified.detail());
        ProbeResult unverified = probe(get("https://127.0.0.1:" + expired + "/").withTls(new TlsClient(null, null, null, false)));
        assertEquals(Reason.TLS_FAILURE, unverified.reason());
        assertTrue(unverified.detail().startsWith("certificate expired on "), unverified.detail());
    }

    @Test
    void aServerRequiringAClientCertificateAcceptsOnlyOneItsCaSigned() throws Exception {
        String url = "https://127.0.0.1:" + clientOnly + "/";
        ProbeResult with = probe(get(url).withTls(new TlsClient(pki.caFile(), pki.clientCert(), pki.clientKey(), true)));
        assertEquals(Status.UP, with.status(), with.explanation());
        // The JDK's HttpsServer closes without sending its TLS 1.3 alert: the probe sees a close before
        // any response, after a handshake that succeeded on its side (ClientCertificateTest has the alerts).
        ProbeResult without = probe(get(url));
        assertEquals("tls_failure: the server closed the connection right after the handshake (does it require a client"
                + " certificate? set tls_cert and tls_key)", without.explanation());
        ProbeResult stranger = probe(get(url).withTls(new TlsClient(pki.caFile(), pki.strangerCert(), pki.strangerKey(), true)));
        assertEquals("tls_failure: the server closed the connection right after the handshake (refused the client"
                + " certificate?)", stranger.explanation());
    }

    @Test
    void httpsToAPlainPortSaysSoInOneShortLine() throws Exception {
        try (LoopbackTargets plain = new LoopbackTargets()) {
            // Netty quotes what it could not read as hex, kilobytes of it: the detail names the case instead.
            int port = plain.requestReply(false, "\u0016", "HTTP/1.1 400 Bad Request\r\nContent-Length: 2000\r\n\r\n"
                    + "x".repeat(2000));
            ProbeResult r = probe(get("https://127.0.0.1:" + port + "/"));
            assertEquals("tls_failure: the server did not answer in TLS (a plain port?)", r.explanation());
        }
    }

    @Test
    void aTlsClientWhoseFilesAreGoneIsUnknownNotDown() throws Exception {
        ProbeResult r = probe(get("https://127.0.0.1:" + https + "/").withTls(new TlsClient(pki.caFile(), dir.resolve("gone.pem"),
                pki.clientKey(), true)));
        assertEquals(Status.UNKNOWN, r.status());
        assertEquals("local_error: tls_cert = " + dir.resolve("gone.pem") + ": no such file", r.explanation());
        assertFalse(r.detail().contains("\n"));
    }
}
