package io.moustash.cuir.check;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The server certificate's dates after a handshake, judged the same way for every kind that speaks TLS. */
public final class Certificates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Certificates() {
    }

    /**
     * @param notAfter the end of the leaf certificate's validity; {@code null} when there is none
     * @param failure why the certificate fails the probe (none sent, expired); {@code null} when it does not
     * @param warning that it expires within the warning days; {@code null} when it does not
     */
    public record Judgement(Instant notAfter, String failure, String warning) {
    }

    /** @param warnDays warn when fewer days than this are left; 0 never warns */
    public static Judgement judge(SSLSession session, int warnDays, Instant now) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return new Judgement(null, "no server certificate", null);
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate x509)) {
            return new Judgement(null, null, null);
        }
        Instant notAfter = x509.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return new Judgement(notAfter, "certificate expired on " + DAY.format(notAfter), null);
        }
        long daysLeft = Duration.between(now, notAfter).toDays();
        if (warnDays > 0 && daysLeft < warnDays) {
            return new Judgement(notAfter, null, "certificate expires in " + daysLeft + (daysLeft == 1 ? " day" : " days")
                    + ", on " + DAY.format(notAfter));
        }
        return new Judgement(notAfter, null, null);
    }
}
