package io.moustash.transport.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.create(dir);
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsACertificateAndItsPkcs8KeyThatSignTogether() throws Exception {
        List<X509Certificate> chain = PemFiles.certificates(certificates.certificate());
        assertEquals(1, chain.size());
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("CN=localhost"));
        PrivateKey key = PemFiles.privateKey(certificates.key());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(chain.get(0).getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }

    @Test
    void readsEveryCertificateOfABundleWithTextAround() throws Exception {
        String one = Files.readString(certificates.certificate());
        Path bundle = write("bundle.pem", "# our CAs\nsubject=CN=localhost\n" + one + "\n" + one);
        assertEquals(2, PemFiles.certificates(bundle).size());
    }

    @Test
    void readsAPkcs8EcKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Path file = write("ec.pem", TestCertificates.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        assertEquals("EC", PemFiles.privateKey(file).getAlgorithm());
    }

    @Test
    void readsAPkcs1RsaKeyAsOlderOpensslWritesIt() throws Exception {
        byte[] pkcs8 = certificates.privateKey().getEncoded();
        Path file = write("rsa1.pem", TestCertificates.pem("RSA PRIVATE KEY", pkcs1Of(pkcs8)));
        PrivateKey key = PemFiles.privateKey(file);
        assertArrayEquals(pkcs8, key.getEncoded());
    }

    @Test
    void refusesEncryptedAndSec1KeysWithTheCommandThatConvertsThem() throws Exception {
        Path encrypted = write("enc.pem", TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(encrypted));
        assertEquals("encrypted private keys are not supported; convert it with: openssl pkcs8 -topk8 -nocrypt"
                + " -in KEY -out KEY.pk8", e.getMessage());
        Path sec1 = write("sec1.pem", TestCertificates.pem("EC PRIVATE KEY", new byte[] {0x30, 0}));
        e = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(sec1));
        assertTrue(e.getMessage().startsWith("EC private key format is not supported, only PKCS#8"), e.getMessage());
        Path legacyEncrypted = write("enc1.pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00\n\nMAA=\n-----END RSA PRIVATE KEY-----\n");
        e = assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(legacyEncrypted));
        assertTrue(e.getMessage().startsWith("encrypted private keys are not supported"), e.getMessage());
    }

    @Test
    void namesWhatIsWrongWithAFile() throws Exception {
        assertEquals("no such file", assertThrows(IllegalArgumentException.class,
                () -> PemFiles.certificates(dir.resolve("missing.pem"))).getMessage());
        Path text = write("text.pem", "hello\n");
        assertEquals("not a PEM file (no -----BEGIN ...----- block)", assertThrows(IllegalArgumentException.class,
                () -> PemFiles.certificates(text)).getMessage());
        assertEquals("no certificate found (expected -----BEGIN CERTIFICATE-----)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.certificates(certificates.key())).getMessage());
        assertEquals("no private key found (expected -----BEGIN PRIVATE KEY-----, PKCS#8)",
                assertThrows(IllegalArgumentException.class, () -> PemFiles.privateKey(certificates.certificate()))
                        .getMessage());
    }

    @Test
    void tlsSettingsNameTheOptionAndFileAndExitWithConfig() throws Exception {
        Path bad = write("bad-ca.pem", "nothing here");
        TlsSettings tls = new TlsSettings(true, bad, certificates.certificate(), null, true, "rabbitmq_ssl");
        MoustashException e = assertThrows(MoustashException.class, tls::trustManagers);
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertEquals("rabbitmq_ssl_cacert = " + bad + ": not a PEM file (no -----BEGIN ...----- block)", e.getMessage());
        e = assertThrows(MoustashException.class, tls::keyManagers);
        assertEquals("rabbitmq_ssl_key is not set: a client certificate needs both rabbitmq_ssl_cert and rabbitmq_ssl_key",
                e.getMessage());
        TlsSettings good = new TlsSettings(true, certificates.certificate(), certificates.certificate(),
                certificates.key(), true, "redis_ssl");
        assertTrue(good.trustManagers().getTrustManagers().length > 0);
        assertTrue(good.keyManagers().getKeyManagers().length > 0);
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int[] pos = {0};
        readHeader(pkcs8, pos); // SEQUENCE
        skip(pkcs8, pos); // version
        skip(pkcs8, pos); // algorithm
        int length = readHeader(pkcs8, pos); // OCTET STRING
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
    }

    private static void skip(byte[] der, int[] pos) {
        int length = readHeader(der, pos); // moves pos past the header first
        pos[0] += length;
    }

    private static int readHeader(byte[] der, int[] pos) {
        pos[0]++; // tag
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }
}
