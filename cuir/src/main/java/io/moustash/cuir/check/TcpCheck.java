package io.moustash.cuir.check;

import io.moustash.cuir.check.tcp.TcpKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Connect to a host and port; optionally shake hands with TLS, send bytes and expect a reply.
 *
 * @param send bytes written after connecting (and after TLS); empty for none
 * @param expect what the reply must contain; {@code null} for no check
 * @param certWarnDays with TLS, warn when the certificate expires within this many days (0: never)
 * @param client with TLS, the client certificate to present ({@link TlsClient#NONE}: none; never verifies)
 */
public record TcpCheck(Target destination, byte[] send, Pattern expect, boolean tls, int certWarnDays, TlsClient client)
        implements Check {

    public TcpCheck {
        send = send.clone();
        java.util.Objects.requireNonNull(client, "client");
    }

    /** Without a client certificate. */
    public TcpCheck(Target destination, byte[] send, Pattern expect, boolean tls, int certWarnDays) {
        this(destination, send, expect, tls, certWarnDays, TlsClient.NONE);
    }

    /** A plain connect, as the original's one-line probes are. */
    public static TcpCheck connect(Target destination) {
        return new TcpCheck(destination, new byte[0], null, false, 0);
    }

    @Override
    public byte[] send() {
        return send.clone();
    }

    public boolean sends() {
        return send.length > 0;
    }

    /** Whether the probe talks after connecting (TLS, send or expect), rather than only connecting. */
    public boolean converses() {
        return tls || sends() || expect != null;
    }

    @Override
    public CheckKind<?> kind() {
        return TcpKind.KIND;
    }

    @Override
    public String target() {
        return destination.toString();
    }

    @Override
    public List<String> settings() {
        List<String> parts = new ArrayList<>();
        if (tls) {
            parts.add("tls" + (certWarnDays > 0 ? " (warn " + certWarnDays + " days before expiry)" : ""));
            if (client.hasCertificate()) {
                parts.add(client.shown());
            }
        }
        if (sends()) {
            parts.add("send " + send.length + " bytes");
        }
        if (expect != null) {
            parts.add("expect /" + expect.pattern() + "/");
        }
        return parts;
    }

    // A record's equals compares arrays by identity; a reloaded configuration compares checks by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof TcpCheck t && destination.equals(t.destination) && java.util.Arrays.equals(send, t.send)
                && (expect == null ? t.expect == null : t.expect != null && expect.pattern().equals(t.expect.pattern()))
                && tls == t.tls && certWarnDays == t.certWarnDays && client.equals(t.client);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(destination, java.util.Arrays.hashCode(send), expect == null ? null : expect.pattern(),
                tls, certWarnDays, client);
    }
}
