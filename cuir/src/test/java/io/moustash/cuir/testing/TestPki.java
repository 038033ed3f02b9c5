package io.moustash.cuir.testing;

import io.moustash.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small certificate authority made by the JDK's keytool in a test's directory: a CA, certificates
 * it signs for {@code localhost} and 127.0.0.1 (valid, expiring soon, expired), a client certificate
 * it signs, and a self-signed client certificate it does not know. One server key and one client key
 * are signed several times, so that the whole set costs ten keytool runs.
 */
public final class TestPki {
    private static final String PASSWORD = "changeit";
    private final Path dir;
    private final X509Certificate ca;

    private TestPki(Path dir, X509Certificate ca) {
        this.dir = dir;
        this.ca = ca;
    }

    public static TestPki create(Path dir) throws IOException, GeneralSecurityException {
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Moustash Test CA",
                "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-file", "ca.pem");
        TestPki pki = new TestPki(dir, read(dir.resolve("ca.pem")));
        for (String who : List.of("server", "client")) {
            keytool(dir, "-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + (who.equals("server") ? "localhost" : "probe"), "-keystore", who + ".p12",
                    "-storetype", "PKCS12", "-storepass", PASSWORD);
            keytool(dir, "-certreq", "-alias", who, "-keystore", who + ".p12", "-storepass", PASSWORD, "-file", who + ".csr");
        }
        pki.sign("server", "valid", 1, 30, "SAN=dns:localhost,ip:127.0.0.1");
        pki.sign("server", "expiring", 1, 3, "SAN=dns:localhost,ip:127.0.0.1");
        pki.sign("server", "expired", 10, 2, "SAN=dns:localhost,ip:127.0.0.1");
        pki.sign("server", "elsewhere", 1, 30, "SAN=dns:elsewhere.example");
        pki.sign("client", "client", 1, 30, "EKU=clientAuth");
        keytool(dir, "-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=stranger",
                "-validity", "30", "-keystore", "stranger.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        Files.writeString(dir.resolve("client-key.pem"), TestCertificates.pem("PRIVATE KEY", pki.key("client").getEncoded()));
        Files.writeString(dir.resolve("stranger-key.pem"), TestCertificates.pem("PRIVATE KEY", pki.key("stranger").getEncoded()));
        Files.writeString(dir.resolve("stranger.pem"), TestCertificates.pem("CERTIFICATE",
                pki.store("stranger").getCertificate("stranger").getEncoded()));
        return pki;
    }

    private void sign(String who, String name, int startDaysAgo, int validityDays, String extension)
            throws IOException {
        keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
                "-infile", who + ".csr", "-outfile", name + ".pem", "-startdate", "-" + startDaysAgo + "d",
                "-validity", String.valueOf(validityDays), "-ext", extension);
    }

    /** The CA's certificate, PEM: what {@code tls_ca} names. */
    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** The client certificate the CA signed, PEM, and its key. */
    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client-key.pem");
    }

    /** A self-signed client certificate the CA does not know, and its key. */
    public Path strangerCert() {
        return dir.resolve("stranger.pem");
    }

    public Path strangerKey() {
        return dir.resolve("stranger-key.pem");
    }

    /**
     * A server context presenting the server certificate {@code which} ({@code valid}, {@code expiring},
     * {@code expired}, or {@code elsewhere}: valid, but naming only elsewhere.example) with the CA in
     * its chain; trusting clients the CA signed.
     */
    public SSLContext serverContext(String which) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key("server"), PASSWORD.toCharArray(), new Certificate[] {read(dir.resolve(which + ".pem")), ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private KeyStore store(String who) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(who + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private PrivateKey key(String who) throws IOException, GeneralSecurityException {
        return (PrivateKey) store(who).getKey(who, PASSWORD.toCharArray());
    }

    private static X509Certificate read(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
