package io.moustash.cuir.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.IniDocument;
import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.probe.Status;
import io.moustash.cuir.testing.TestPki;
import io.moustash.testing.DocExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP example of docs/configuration.md is a configuration Cuir reads as the text around it says. */
class HttpDocsTest {
    private static final String MARKER = "<!-- Checked by HttpDocsTest: this block is read as a configuration. -->";

    @Test
    void theHttpExampleReads(@TempDir Path dir) throws Exception {
        String doc = Files.readString(DocExamples.docs().resolve("configuration.md"));
        int at = doc.indexOf(MARKER);
        assertTrue(at >= 0, "configuration.md has lost its HTTP example");
        int start = doc.indexOf("```ini\n", at) + "```ini\n".length();
        String ini = doc.substring(start, doc.indexOf("```", start));
        // The example names files of a real installation; the test's CA and client certificate stand in.
        TestPki pki = TestPki.create(dir);
        Files.copy(pki.caFile(), dir.resolve("internal-ca.pem"));
        Files.copy(pki.clientCert(), dir.resolve("probe.pem"));
        Files.copy(pki.clientKey(), dir.resolve("probe.key"));
        List<String> warnings = new ArrayList<>();
        CuirConfig config = CuirConfigReader.read(IniDocument.parse(ini.replace("/etc/moustash/", dir + "/"), "configuration.md"),
                warnings::add);
        assertEquals(List.of(), warnings);
        HttpCheck api = (HttpCheck) config.probes().get(0).check();
        assertEquals(3, api.json().size());
        assertEquals(Status.WARNING, api.json().get(2).severity());
        assertEquals(List.of("Accept", "Authorization"), api.headers().stream().map(h -> h.name()).toList());
        assertTrue(api.status().accepts(200) && !api.status().accepts(204));
        assertTrue(api.tls().hasCertificate());
        HttpCheck site = (HttpCheck) config.probes().get(1).check();
        assertTrue(site.followRedirects());
        assertEquals("<title>Example", site.expect().pattern());
    }
}
