package io.moustash.cuir.check;

import io.moustash.transport.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a probe's TLS client presents itself and whom it trusts: an optional client certificate and
 * key ({@code tls_cert}, {@code tls_key}, PEM), and, when {@code verify}, the CAs that must sign the
 * server's certificate ({@code tls_ca}, else the JDK's). PEM files are read by common's
 * {@code transport.tls}, as the brokers' TLS reads them. Immutable; compared by value, so a reloaded
 * file that names the same files keeps the same client.
 */
public record TlsClient(Path ca, Path cert, Path key, boolean verify) {
    /** No client certificate, no verification: what a plain {@code tls = yes} probe does. */
    public static final TlsClient NONE = new TlsClient(null, null, null, false);

    public boolean hasCertificate() {
        return cert != null;
    }

    /**
     * The Netty client context: reads the files now, so that a missing or mismatched file is
     * reported when the configuration is read, and again when a prober first needs the context.
     *
     * @throws io.moustash.common.MoustashException one line naming the option and its file
     */
    public SslContext context() throws SSLException {
        KeyManagerFactory keys = new TlsSettings(true, ca, cert, key, verify, "tls").keyManagers();
        TrustManagerFactory trust = verify ? TlsSettings.trustIn("tls_ca", ca) : InsecureTrustManagerFactory.INSTANCE;
        return SslContextBuilder.forClient().keyManager(keys).trustManager(trust).build();
    }

    /** What {@code --check-config} shows of it. */
    String shown() {
        StringBuilder s = new StringBuilder();
        if (cert != null) {
            s.append("client certificate ").append(cert);
        }
        if (verify) {
            s.append(s.length() > 0 ? ", " : "").append("verify against ").append(ca == null ? "the JDK's CAs" : ca.toString());
        }
        return s.toString();
    }
}
