package io.moustash.cuir.check;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed TLS exchange as one line a person can act on. The SSL layers' own messages can be
 * kilobytes long (Netty quotes a plain-text reply as hex: "not an SSL/TLS record: 485454502f…"), so
 * the known cases are named, and anything else is cut short with hex runs removed.
 */
public final class TlsFailures {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private TlsFailures() {
    }

    /**
     * @param client the probe's TLS settings, to name the option that would fix the failure
     * @param handshakeDone whether the client had finished its handshake (a TLS 1.3 server judges
     *        the client's certificate only then, so its refusal arrives afterwards)
     */
    public static String describe(Throwable failure, TlsClient client, boolean handshakeDone) {
        String alert = null;
        String untrusted = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String lower = message.toLowerCase(Locale.ROOT);
            if (t.getClass().getSimpleName().equals("NotSslRecordException") || lower.contains("not an ssl/tls record")
                    || lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")) {
                return "the server did not answer in TLS (a plain port?)";
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return "the certificate does not name this host (" + message.replaceAll("\\.$", "") + ")";
            }
            // The chain's innermost cause is the most precise: PKIX wraps "expired" in "validity check failed".
            if (t instanceof CertificateExpiredException) {
                return "certificate expired: " + Texts.brief(message);
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid: " + Texts.brief(message);
            }
            if (untrusted == null && (t instanceof CertPathValidatorException || message.contains("PKIX path"))) {
                untrusted = "certificate not trusted: not signed by " + (client.ca() != null ? "tls_ca = " + client.ca()
                        : "a CA the JDK trusts (set tls_ca, or tls_verify = no)");
            }
            Matcher m = ALERT.matcher(message);
            if (alert == null && m.find()) {
                alert = m.group(1);
            }
        }
        if (untrusted != null) {
            return untrusted;
        }
        if (alert != null) {
            return refusal(alert, client);
        }
        String root = Texts.oneLine(failure);
        String lower = root.toLowerCase(Locale.ROOT);
        if (lower.contains("reset") || lower.contains("closed") || lower.contains("broken pipe")) {
            return handshakeDone
                    ? "the server closed the connection right after the handshake"
                            + (client.hasCertificate() ? " (refused the client certificate?)"
                                    : " (does it require a client certificate? set tls_cert and tls_key)")
                    : "the server closed the connection during the TLS handshake";
        }
        return Texts.brief(root);
    }

    private static String refusal(String alert, TlsClient client) {
        switch (alert) {
            case "certificate_required":
                return client.hasCertificate() ? "the server refused the client certificate tls_cert = " + client.cert()
                        + " (certificate_required)" : "the server requires a client certificate: set tls_cert and tls_key";
            case "bad_certificate", "unknown_ca", "certificate_unknown", "unsupported_certificate", "access_denied",
                    "certificate_revoked", "certificate_expired":
                return client.hasCertificate() ? "the server refused the client certificate tls_cert = " + client.cert()
                        + " (" + alert + ")" : "the server refused the handshake (" + alert + "): does it require a client"
                        + " certificate? set tls_cert and tls_key";
            default:
                return "the server refused the handshake (" + alert + ")";
        }
    }
}
