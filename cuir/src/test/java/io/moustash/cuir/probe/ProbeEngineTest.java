package io.moustash.cuir.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.testing.LoopbackTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP probes against real loopback targets opened and closed by each test. */
class ProbeEngineTest {
    private static final Duration SHORT = Duration.ofMillis(700);

    private LoopbackTargets targets;
    private ProbeEngine engine;

    @BeforeEach
    void open() {
        targets = new LoopbackTargets();
        engine = new ProbeEngine(0, Duration.ofSeconds(5));
    }

    @AfterEach
    void closeAll() {
        engine.close();
        targets.close();
    }

    private ProbeResult probe(io.moustash.cuir.config.ProbeSpec spec) throws Exception {
        return engine.probe(spec).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aListeningPortIsUpWithItsConnectTime() throws Exception {
        ProbeResult r = probe(Specs.connect("127.0.0.1", targets.listening(), SHORT));
        assertEquals(Status.UP, r.status());
        assertNull(r.reason());
        assertTrue(Specs.tcp(r).connectMicros() >= 0 && Specs.tcp(r).connectMicros() < SHORT.toNanos() / 1000, "connect µs " + Specs.tcp(r).connectMicros());
        assertEquals("127.0.0.1", Specs.tcp(r).ip());
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        ProbeResult r = probe(Specs.connect("127.0.0.1", LoopbackTargets.closedPort(), SHORT));
        assertEquals(Status.DOWN, r.status());
        assertEquals(Reason.REFUSED, r.reason());
        assertEquals("refused", r.explanation());
    }

    @Test
    void aListenerWithAFullBacklogTimesOutAtTheProbesTimeout() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = probe(Specs.connect("127.0.0.1", targets.unresponsive(), Duration.ofMillis(400)));
        assertEquals(Status.DOWN, r.status());
        assertEquals(Reason.TIMEOUT, r.reason());
        assertEquals("timeout: no answer to connect within 0.4 s", r.explanation());
        assertTrue(r.durationNanos() >= Duration.ofMillis(390).toNanos(), "waited the timeout: " + r.durationNanos());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
    }

    @Test
    void aSilentTargetDoesNotDelayAnother() throws Exception {
        int silent = targets.unresponsive();
        int open = targets.listening();
        CompletableFuture<ProbeResult> slow = engine.probe(Specs.connect("127.0.0.1", silent, Duration.ofSeconds(2)));
        CompletableFuture<ProbeResult> fast = engine.probe(Specs.connect("127.0.0.1", open, Duration.ofSeconds(2)));
        ProbeResult quick = fast.get(1, TimeUnit.SECONDS);
        assertEquals(Status.UP, quick.status());
        assertTrue(!slow.isDone(), "the silent target is still waiting when the other is done");
        assertEquals(Reason.TIMEOUT, slow.get(5, TimeUnit.SECONDS).reason());
    }

    @Test
    void aBannerMatchingExpectIsUp() throws Exception {
        int port = targets.banner("SSH-2.0-OpenSSH_9.2p1 Debian\r\n");
        ProbeResult r = probe(Specs.conversation("127.0.0.1", port, "", "^SSH-2\\.0-", false, 0, SHORT));
        assertEquals(Status.UP, r.status());
    }

    @Test
    void aBannerNotMatchingIsAnExpectMismatchShowingWhatCame() throws Exception {
        int port = targets.banner("220 mail.example ESMTP\r\n");
        ProbeResult r = probe(Specs.conversation("127.0.0.1", port, "", "^SSH-", false, 0, SHORT));
        assertEquals(Status.DOWN, r.status());
        assertEquals(Reason.EXPECT_MISMATCH, r.reason());
        assertEquals("no match within 0.7 s, received '220 mail.example ESMTP\\r\\n'", r.detail());
    }

    @Test
    void aServerThatClosesWithoutAReplyIsAnExpectMismatch() throws Exception {
        ProbeResult r = probe(Specs.conversation("127.0.0.1", targets.listening(), "", "OK", false, 0, SHORT));
        assertEquals(Reason.EXPECT_MISMATCH, r.reason());
        assertEquals("closed without a reply", r.detail());
    }

    @Test
    void aSilentServerIsATimeoutWhenAReplyIsExpected() throws Exception {
        ProbeResult r = probe(Specs.conversation("127.0.0.1", targets.silent(), "", "OK", false, 0, Duration.ofMillis(300)));
        assertEquals(Reason.TIMEOUT, r.reason());
        assertEquals("no reply within 0.3 s", r.detail());
        assertTrue(Specs.tcp(r).connectMicros() >= 0, "it did connect");
    }

    @Test
    void sendWithEscapesThenExpectOverIpv6() throws Exception {
        int port = targets.requestReply(true, "GET / HTTP/1.0\r\n\r\n", "HTTP/1.0 200 OK\r\n\r\nhello");
        ProbeResult r = probe(Specs.conversation("::1", port, "GET / HTTP/1.0\\r\\n\\r\\n", "^HTTP/1\\.[01] 200", false, 0, SHORT));
        assertEquals(Status.UP, r.status(), r.explanation());
        assertEquals("[::1]:" + port, Specs.tcp(r).addressAndPort());
    }

    @Test
    void aNameIsResolvedAndAnUnknownNameIsADnsFailure() throws Exception {
        ProbeResult local = probe(Specs.connect("localhost", targets.listening(), SHORT));
        assertTrue(Specs.tcp(local).address().isLoopbackAddress());
        ProbeResult unknown = probe(Specs.connect("no-such-host.invalid", 80, SHORT));
        assertEquals(Status.DOWN, unknown.status());
        assertEquals(Reason.DNS_FAILURE, unknown.reason());
        assertNull(Specs.tcp(unknown).address());
    }

    @Test
    void aCertificateExpiringInTwoDaysWarns(@TempDir Path dir) throws Exception {
        int port = targets.tls(dir, 0, 2, "* OK ready\r\n");
        ProbeResult r = probe(Specs.conversation("127.0.0.1", port, "", "^\\* OK", true, 14, Duration.ofSeconds(3)));
        assertEquals(Status.WARNING, r.status(), r.explanation());
        assertEquals(Reason.CERTIFICATE_EXPIRING, r.reason());
        assertTrue(r.detail().startsWith("certificate expires in 1 day, on "), r.detail());
        assertTrue(Specs.tcp(r).certificateNotAfter() != null);

        ProbeResult relaxed = probe(Specs.conversation("127.0.0.1", port, "", null, true, 1, Duration.ofSeconds(3)));
        assertEquals(Status.UP, relaxed.status(), "1 day of warning is not reached yet: " + relaxed.explanation());
    }

    @Test
    void anExpiredCertificateIsATlsFailure(@TempDir Path dir) throws Exception {
        int port = targets.tls(dir, 10, 5, "");
        ProbeResult r = probe(Specs.conversation("127.0.0.1", port, "", null, true, 14, Duration.ofSeconds(3)));
        assertEquals(Status.DOWN, r.status());
        assertEquals(Reason.TLS_FAILURE, r.reason());
        assertTrue(r.detail().startsWith("certificate expired on "), r.detail());
    }

    @Test
    void tlsToAPlainTextServerIsATlsFailure() throws Exception {
        // Netty's own message quotes the bytes it read as hex (1.5 KB for this banner): the detail names the case.
        int port = targets.banner("SSH-2.0-OpenSSH_9.2\r\n" + "x".repeat(700));
        ProbeResult r = probe(Specs.conversation("127.0.0.1", port, "", null, true, 14, Duration.ofSeconds(2)));
        assertEquals(Status.DOWN, r.status());
        assertEquals("tls_failure: the server did not answer in TLS (a plain port?)", r.explanation());
    }
}
