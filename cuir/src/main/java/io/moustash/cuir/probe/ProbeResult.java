package io.moustash.cuir.probe;

import io.moustash.cuir.config.ProbeSpec;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;

/**
 * What one probe found. Immutable.
 *
 * @param at when the probe started
 * @param reason why it is not UP; {@code null} when UP
 * @param detail one line of explanation: the error, the unmatched reply, the plugin's output; may be {@code null}
 * @param address the address connected to; {@code null} for a command or when resolution failed
 * @param connectMicros time the TCP connect took, or -1 when it did not complete
 * @param durationNanos time the whole probe took
 * @param exitCode a command probe's exit status, else {@code null}
 * @param certificateNotAfter with TLS, the end of the server certificate's validity, else {@code null}
 */
public record ProbeResult(ProbeSpec spec, Instant at, Status status, Reason reason, String detail,
        InetAddress address, long connectMicros, long durationNanos, Integer exitCode, Instant certificateNotAfter) {

    /** {@code ip:port} (IPv6 in brackets) of the address connected to, or {@code null}. */
    public String addressAndPort() {
        if (address == null || spec.isCommand()) {
            return null;
        }
        String ip = ip();
        return (address instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + spec.target().port();
    }

    /** The address connected to as text, IPv6 in its short form ({@code ::1}); {@code null} when none. */
    public String ip() {
        return address == null ? null : NetUtil.toAddressString(address);
    }

    /** The reason and detail as one line, e.g. {@code refused} or {@code plugin_status: DISK CRITICAL}. */
    public String explanation() {
        String r = reason == null ? "" : reason.text();
        if (detail == null || detail.isEmpty()) {
            return r;
        }
        return r.isEmpty() ? detail : r + ": " + detail;
    }
}
