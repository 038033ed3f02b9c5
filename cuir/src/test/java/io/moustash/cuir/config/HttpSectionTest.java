package io.moustash.cuir.config;

import static io.moustash.cuir.testing.CuirIni.errors;
import static io.moustash.cuir.testing.CuirIni.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.testing.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [cuir:NAME] url = …} sections and the TLS client options, as the configuration reader reads them. */
class HttpSectionTest {
    @TempDir
    static Path dir;
    private static TestPki pki;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir);
    }

    @Test
    void everyOptionIsReadAndJsonAndHeadersRepeat() {
        List<String> warnings = new ArrayList<>();
        CuirConfig config = read("""
                [cuir:api]
                url = https://127.0.0.1:8443/health?full=1
                method = HEAD
                status = 200-299, 301
                expect = "status"
                json = status = ok
                json = queue.depth < 1000 else warning
                json = version ~ ^2\\.
                headers = Accept: application/json
                headers = X-Probe: moustash
                follow_redirects = yes
                tls_ca = %s
                tls_cert = %s
                tls_key = %s
                cert_warn_days = 30
                """.formatted(pki.caFile(), pki.clientCert(), pki.clientKey()), warnings);
        assertEquals(List.of(), warnings, "repeated json and headers lines are no repeats to warn about");
        HttpCheck check = (HttpCheck) config.probes().get(0).check();
        assertEquals("127.0.0.1", check.url().host());
        assertEquals(8443, check.url().port());
        assertEquals("/health?full=1", check.url().request());
        assertEquals("HEAD", check.method());
        assertEquals("200-299,301", check.status().toString());
        assertEquals(List.of("status = ok", "queue.depth < 1000 else warning", "version ~ ^2\\."),
                check.json().stream().map(Object::toString).toList());
        assertEquals(Status.WARNING, check.json().get(1).severity());
        assertEquals(List.of("Accept: application/json", "X-Probe: moustash"), check.headers().stream().map(Object::toString).toList());
        assertTrue(check.followRedirects());
        assertEquals(pki.clientCert(), check.tls().cert());
        assertTrue(check.tls().verify());
        assertEquals(30, check.certWarnDays());
        assertEquals(check, read("[cuir:api]\nurl = https://127.0.0.1:8443/health?full=1\nmethod = HEAD\nstatus = 200-299,301\n"
                + "expect = \"status\"\njson = status = ok\njson = queue.depth < 1000 else warning\njson = version ~ ^2\\.\n"
                + "headers = Accept: application/json\nheaders = X-Probe: moustash\nfollow_redirects = 1\n"
                + "tls_ca = " + pki.caFile() + "\ntls_cert = " + pki.clientCert() + "\ntls_key = " + pki.clientKey()
                + "\ncert_warn_days = 30\n", warnings).probes().get(0).check(), "checks compare by value, for reloads");
    }

    @Test
    void aUrlAloneTakesTheDefaults() {
        HttpCheck check = (HttpCheck) read("[cuir:web]\nurl = http://localhost/\n", new ArrayList<>()).probes().get(0).check();
        assertEquals(80, check.url().port());
        assertEquals("GET", check.method());
        assertEquals("200-399", check.status().toString());
        assertEquals(false, check.followRedirects());
        assertEquals(true, check.tls().verify());
        assertEquals(14, check.certWarnDays());
    }

    @Test
    void mistakesAreNamedWithTheirOption() {
        assertEquals(List.of(
                "moustash.ini: [cuir:ftp] url = ftp://127.0.0.1/: expected an http:// or https:// URL",
                "moustash.ini: [cuir:status] status = 300-200: range 300-200 ends before it starts",
                "moustash.ini: [cuir:json] json = status ok: expected PATH OP VALUE [else warning], OP one of = != < > ~"
                        + " (e.g. queue.depth < 1000 else warning)",
                "moustash.ini: [cuir:json] json = depth < many: < compares numbers, and many is not a number",
                "moustash.ini: [cuir:header] headers = no colon: expected Name: value",
                "moustash.ini: [cuir:cert]: tls_cert needs tls_key",
                "moustash.ini: [cuir:gone]: tls_cert = " + dir.resolve("gone.pem") + ": no such file",
                "moustash.ini: [cuir:both]: host/port and url cannot be combined: a probe does one thing (connect or http)",
                "moustash.ini: [cuir:plain]: tls_cert and tls_key need tls = yes",
                "moustash.ini: [cuir:sendhttp]: send applies to connect probes, not to a http probe"),
                errors("""
                [cuir:ftp]
                url = ftp://127.0.0.1/
                [cuir:status]
                url = http://127.0.0.1/
                status = 300-200
                [cuir:json]
                url = http://127.0.0.1/
                json = status ok
                json = depth < many
                [cuir:header]
                url = http://127.0.0.1/
                headers = no colon
                [cuir:cert]
                url = https://127.0.0.1/
                tls_cert = %1$s
                [cuir:gone]
                url = https://127.0.0.1/
                tls_cert = %2$s
                tls_key = %3$s
                [cuir:both]
                host = 127.0.0.1
                port = 80
                url = http://127.0.0.1/
                [cuir:plain]
                host = 127.0.0.1
                port = 993
                tls_cert = %1$s
                tls_key = %3$s
                [cuir:sendhttp]
                url = http://127.0.0.1/
                send = GET
                """.formatted(pki.clientCert(), dir.resolve("gone.pem"), pki.clientKey())));
    }

    @Test
    void aTlsConnectProbeReadsItsClientCertificate() {
        TcpCheck check = (TcpCheck) read("[cuir:imaps]\nhost = 127.0.0.1\nport = 993\ntls = yes\ntls_cert = " + pki.clientCert()
                + "\ntls_key = " + pki.clientKey() + "\n", new ArrayList<>()).probes().get(0).check();
        assertEquals(pki.clientCert(), check.client().cert());
        assertEquals(false, check.client().verify(), "a connect probe checks dates, not the chain");
        assertTrue(check.settings().contains("client certificate " + pki.clientCert()), check.settings().toString());
    }
}
