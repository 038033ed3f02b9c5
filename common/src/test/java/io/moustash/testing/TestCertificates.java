package io.moustash.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A self-signed RSA certificate for {@code localhost} (DNS name only, so reaching it as
 * 127.0.0.1 is a host-name mismatch), made by the JDK's keytool, with its key written as PKCS#8
 * PEM: enough for PEM and TLS tests with the JDK and nothing else.
 */
public final class TestCertificates {
    public static final String STORE_PASSWORD = "changeit";
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", dir.resolve("server.p12").toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        TestCertificates certificates = new TestCertificates(dir);
        KeyStore store = certificates.keyStore();
        Files.writeString(certificates.certificate(), pem("CERTIFICATE", store.getCertificate("server").getEncoded()));
        Files.writeString(certificates.key(), pem("PRIVATE KEY", certificates.privateKey().getEncoded()));
        return certificates;
    }

    public KeyStore keyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store;
    }

    public PrivateKey privateKey() throws IOException, GeneralSecurityException {
        return (PrivateKey) keyStore().getKey("server", STORE_PASSWORD.toCharArray());
    }

    public Certificate serverCertificate() throws IOException, GeneralSecurityException {
        return keyStore().getCertificate("server");
    }

    /** The certificate, PEM; also the CA file that trusts it. */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    /** The key, PKCS#8 PEM. */
    public Path key() {
        return dir.resolve("key.pem");
    }

    /** A TLS server socket on a free port of 127.0.0.1 presenting this certificate. */
    public SSLServerSocket serverSocket() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
