package io.moustash.transport.tls;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards one broker, as the {@code <prefix>_ssl*} options set it: whether to use it, the CA
 * file that signs the server's certificate (default: the JDK's trusted CAs), an optional client
 * certificate and key, and whether to verify the server (its chain and its host name). Shared by
 * the RabbitMQ and Redis transports; each hands the factories to its client library's own TLS
 * support.
 *
 * @param prefix the options' common prefix ({@code rabbitmq_ssl}, {@code redis_ssl}), for messages
 */
public record TlsSettings(boolean enabled, Path caCert, Path cert, Path key, boolean verify, String prefix) {
    private static final char[] IN_MEMORY = new char[0];

    public static TlsSettings off(String prefix) {
        return new TlsSettings(false, null, null, null, true, prefix);
    }

    public TlsSettings withEnabled(boolean on) {
        return new TlsSettings(on, caCert, cert, key, verify, prefix);
    }

    /**
     * Trust in {@link #caCert} when set, else in the JDK's CAs; {@code null} when {@link #verify} is
     * off, so the caller uses its library's trust-everything manager.
     *
     * @throws MoustashException (exit 78) naming the option and file when the file cannot be used
     */
    public TrustManagerFactory trustManagers() {
        if (!verify) {
            return null;
        }
        return trustIn(prefix + "_cacert", caCert);
    }

    /**
     * Trust in the certificates of {@code caCert}, or in the JDK's CAs when it is {@code null}; for
     * other TLS clients (Cuir's probes) whose option has another name.
     *
     * @param option the option naming the file, for messages
     * @throws MoustashException (exit 78) naming the option and file when the file cannot be used
     */
    public static TrustManagerFactory trustIn(String option, Path caCert) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caCert == null) {
                factory.init((KeyStore) null);
                return factory;
            }
            List<X509Certificate> certificates = load(option, caCert, () -> PemFiles.certificates(caCert));
            KeyStore store = emptyStore();
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new MoustashException(ExitCode.CONFIG, option + ": cannot build a trust store: " + e.getMessage());
        }
    }

    /** The client certificate and key, or {@code null} when none is configured. */
    public KeyManagerFactory keyManagers() {
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            String missing = cert == null ? prefix + "_cert" : prefix + "_key";
            throw new MoustashException(ExitCode.CONFIG, missing + " is not set: a client certificate needs both "
                    + prefix + "_cert and " + prefix + "_key");
        }
        List<X509Certificate> chain = load(prefix + "_cert", cert, () -> PemFiles.certificates(cert));
        PrivateKey privateKey = load(prefix + "_key", key, () -> PemFiles.privateKey(key));
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", privateKey, IN_MEMORY, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new MoustashException(ExitCode.CONFIG, prefix + "_key = " + key + ": does not fit "
                    + prefix + "_cert = " + cert + ": " + e.getMessage());
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private interface Loader<T> {
        T load();
    }

    private static <T> T load(String option, Path file, Loader<T> loader) {
        try {
            return loader.load();
        } catch (IllegalArgumentException e) {
            throw new MoustashException(ExitCode.CONFIG, option + " = " + file + ": " + e.getMessage());
        }
    }
}
