package io.moustash.transport.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Names the TLS failure in an exception chain in words a user can act on: untrusted certificate,
 * host-name mismatch, expired certificate, client certificate refused, or a peer that does not
 * speak TLS. Shared by both transports.
 */
public final class TlsErrors {
    private TlsErrors() {
    }

    private static boolean reset(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException && String.valueOf(t.getMessage()).contains("reset")) {
                return true;
            }
        }
        return false;
    }

    /** The cause in one line, or empty when the chain holds no TLS failure. */
    public static Optional<String> explain(Throwable error, TlsSettings tls) {
        SSLException ssl = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof SSLException s && ssl == null) {
                ssl = s;
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return Optional.of("TLS host name mismatch: the server certificate does not name this host ("
                        + message.replaceAll("\\.$", "") + "); connect by a name the certificate holds, or set "
                        + tls.prefix() + "_verify = 0");
            }
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return Optional.of("TLS server certificate is not valid now: " + message);
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || message.contains("PKIX path")) {
                String by = tls.caCert() != null ? tls.prefix() + "_cacert = " + tls.caCert()
                        : "the JDK's CAs (set " + tls.prefix() + "_cacert)";
                return Optional.of("TLS server certificate is not trusted: it is not signed by " + by);
            }
        }
        if (ssl == null) {
            return reset(error) && tls.cert() == null
                    // TLS 1.3: the server checks the client certificate after the client's handshake is
                    // done and may close before its alert is read, so the client only sees a reset.
                    ? Optional.of("the server reset the TLS connection after the handshake: if it requires a client"
                            + " certificate, set " + tls.prefix() + "_cert and " + tls.prefix() + "_key")
                    : Optional.empty();
        }
        String message = ssl.getMessage() == null ? ssl.getClass().getSimpleName() : ssl.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")) {
            return Optional.of("TLS handshake failed: the server did not answer in TLS (is this a plain port? check "
                    + tls.prefix() + " and the port)");
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("unknown_ca") && tls.cert() != null) {
            return Optional.of("TLS handshake failed: the server refused the client certificate ("
                    + (tls.cert() == null ? "set " + tls.prefix() + "_cert and " + tls.prefix() + "_key"
                            : tls.prefix() + "_cert = " + tls.cert()) + "): " + message);
        }
        if (ssl instanceof SSLHandshakeException || lower.contains("handshake")) {
            return Optional.of("TLS handshake failed: " + message);
        }
        return Optional.of("TLS failed: " + message);
    }
}
