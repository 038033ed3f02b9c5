package io.moustash.cuir.check;

import io.moustash.common.MoustashException;
import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.config.ValueParser;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Options that more than one kind of check reads, declared once so that they read and document alike. */
public final class CheckOptions {
    public static final Option<Pattern> EXPECT = Option.of("expect", regex(), null,
            "Regular expression the reply must contain (^ and $ match at line ends).");
    public static final Option<Integer> CERT_WARN_DAYS = Option.of("cert_warn_days", Parsers.integer(0, 3650), 14,
            "With tls or https, a warning when the certificate expires within this many days; 0 never warns.");
    public static final Option<Path> TLS_CERT = Option.of("tls_cert", Parsers.path(), null,
            "Client certificate (PEM) to present in the TLS handshake, with tls_key.");
    public static final Option<Path> TLS_KEY = Option.of("tls_key", Parsers.path(), null,
            "Private key of tls_cert (PEM: PKCS#8, or PKCS#1 RSA).");

    private CheckOptions() {
    }

    /**
     * The section's TLS client. Its files are read now, so that a missing file or a key that does
     * not fit its certificate is an error of the configuration, not of every probe.
     *
     * @param ca the CA file that signs the server's certificate; {@code null} for the JDK's CAs
     */
    public static Optional<TlsClient> tlsClient(CheckSection section, Path ca, boolean verify) {
        Path cert = section.get(TLS_CERT);
        Path key = section.get(TLS_KEY);
        if ((cert == null) != (key == null)) {
            section.error(cert == null ? "tls_key needs tls_cert" : "tls_cert needs tls_key");
            return Optional.empty();
        }
        TlsClient client = new TlsClient(ca, cert, key, verify);
        if (cert != null || ca != null) {
            try {
                client.context();
            } catch (MoustashException e) {
                section.error(e.getMessage());
                return Optional.empty();
            } catch (SSLException e) {
                section.error("TLS is not available in this JVM: " + Texts.oneLine(e));
                return Optional.empty();
            }
        }
        return Optional.of(client);
    }

    /** A regular expression, its syntax error named with where it is. */
    public static ValueParser<Pattern> regex() {
        return text -> {
            try {
                return Pattern.compile(text, Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        };
    }
}
