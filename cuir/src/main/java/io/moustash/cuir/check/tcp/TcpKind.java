package io.moustash.cuir.check.tcp;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.CheckKind;
import io.moustash.cuir.check.CheckOptions;
import io.moustash.cuir.check.CheckSection;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.TcpCheck;
import io.moustash.cuir.check.TlsClient;
import java.util.List;
import java.util.Optional;

/** {@code host} and {@code port}: connect, with optional TLS, send and expect. */
public final class TcpKind implements CheckKind<TcpCheck> {
    public static final TcpKind KIND = new TcpKind();

    public static final Option<String> HOST = Option.of("host", Parsers.nonEmptyText(), null,
            "Host to connect to: an IPv4 address, an IPv6 address (brackets optional) or a DNS name.");
    public static final Option<Integer> PORT = Option.of("port", Parsers.port(), null, "TCP port to connect to.");
    public static final Option<byte[]> SEND = Option.of("send", Escapes::unescape, new byte[0],
            "Bytes to send after connecting; \\r, \\n, \\t, \\0, \\\\ and \\xHH are escapes.");
    public static final Option<Boolean> TLS = Option.of("tls", Parsers.bool(), false,
            "Do a TLS handshake after connecting; send and expect then go through TLS.");

    private TcpKind() {
    }

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public List<Option<?>> keys() {
        return List.of(HOST, PORT);
    }

    @Override
    public String needs() {
        return "host and port";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(HOST, PORT, SEND, CheckOptions.EXPECT, TLS, CheckOptions.CERT_WARN_DAYS, CheckOptions.TLS_CERT,
                CheckOptions.TLS_KEY);
    }

    @Override
    public Optional<TcpCheck> read(CheckSection section) {
        if (!section.has(HOST) || !section.has(PORT)) {
            section.error(section.has(HOST) ? "port is required" : "host is required");
            return Optional.empty();
        }
        if (!section.isSet(HOST) || !section.isSet(PORT)) {
            return Optional.empty();
        }
        String host;
        try {
            host = Hosts.check(section.get(HOST));
        } catch (IllegalArgumentException e) {
            section.error(HOST, e.getMessage());
            return Optional.empty();
        }
        boolean tls = section.get(TLS);
        if (!tls && (section.has(CheckOptions.TLS_CERT) || section.has(CheckOptions.TLS_KEY))) {
            section.error("tls_cert and tls_key need tls = yes");
            return Optional.empty();
        }
        // A connect probe asks "does TLS answer, and until when", not "is the chain trusted": no verification.
        Optional<TlsClient> client = tls ? CheckOptions.tlsClient(section, null, false) : Optional.of(TlsClient.NONE);
        return client.map(c -> new TcpCheck(new Target(host, section.get(PORT)), section.get(SEND),
                section.get(CheckOptions.EXPECT), tls, section.get(CheckOptions.CERT_WARN_DAYS), c));
    }

    @Override
    public Prober<TcpCheck> prober(ProbeContext context) {
        return new TcpProber(context);
    }

    @Override
    public TcpCheck cast(Check check) {
        return (TcpCheck) check;
    }
}
