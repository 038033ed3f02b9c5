package io.moustash.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys with the JDK alone (java.security), so TLS needs no
 * extra library. Keys: PKCS#8 ({@code BEGIN PRIVATE KEY}, what openssl 3 writes by default) for
 * RSA, EC and EdDSA, and PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}, older openssl), which is
 * rewrapped as PKCS#8. Anything else is refused with the openssl command that converts it.
 *
 * <p>Failures throw {@link IllegalArgumentException} with a message that does not repeat the path:
 * the caller names the option and the file.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String CONVERT = "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8";
    /** The algorithms a PKCS#8 key is tried against, most common first. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, to wrap a PKCS#1 key as PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in file order; at least one. */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type.equals("CERTIFICATE") || block.type.equals("TRUSTED CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a valid X.509 certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one private key in {@code file}. */
    public static PrivateKey privateKey(Path file) {
        List<Block> blocks = blocks(file);
        for (Block block : blocks) {
            switch (block.type) {
                case "PRIVATE KEY":
                    return pkcs8(block.der);
                case "RSA PRIVATE KEY":
                    if (block.encrypted) {
                        throw new IllegalArgumentException("encrypted private keys are not supported; " + CONVERT);
                    }
                    return pkcs8(wrapPkcs1(block.der));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IllegalArgumentException("encrypted private keys are not supported; " + CONVERT);
                case "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY":
                    throw new IllegalArgumentException(block.type.replace(" PRIVATE KEY", "")
                            + " private key format is not supported, only PKCS#8 (BEGIN PRIVATE KEY); " + CONVERT);
                default:
                    // a certificate in the same file is fine; keep looking for the key
            }
        }
        throw new IllegalArgumentException("no private key found (expected -----BEGIN PRIVATE KEY-----, PKCS#8)");
    }

    private static PrivateKey pkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("not a PKCS#8 RSA, EC or EdDSA private key the JDK can read");
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(derHeader(0x30, body.size()));
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] header = new byte[2 + bytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        }
        return header;
    }

    private record Block(String type, byte[] der, boolean encrypted) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            String base64 = body.lines().filter(line -> !line.contains(":")).reduce("", String::concat)
                    .replaceAll("\\s", "");
            try {
                blocks.add(new Block(matcher.group(1), Base64.getDecoder().decode(base64), encrypted));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("damaged PEM block " + matcher.group(1) + ": not base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
