package io.moustash.cuir.check;

import io.moustash.event.Event;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;

/**
 * What a TCP probe found.
 *
 * @param address the address connected to; {@code null} when the name did not resolve
 * @param connectMicros time the TCP connect took, or -1 when it did not complete
 * @param certificateNotAfter with TLS, the end of the server certificate's validity, else {@code null}
 */
public record TcpDetails(TcpCheck check, InetAddress address, long connectMicros, Instant certificateNotAfter)
        implements Details {

    @Override
    public void describe(Event.Builder b) {
        b.field("destination.address", "target", check.destination().host());
        b.field("destination.ip", "ip", ip());
        b.field("destination.port", "port", check.destination().port());
        b.field(PREFIX + "connect_time_us", "connect_time_us", connectMicros < 0 ? null : connectMicros);
        if (certificateNotAfter != null) {
            b.field("tls.server.not_after", "cert_not_after", certificateNotAfter.toString());
        }
    }

    /** The address connected to as text, IPv6 in its short form ({@code ::1}); {@code null} when none. */
    public String ip() {
        return address == null ? null : NetUtil.toAddressString(address);
    }

    /** {@code ip:port} (IPv6 in brackets) of the address connected to, or {@code null}. */
    public String addressAndPort() {
        if (address == null) {
            return null;
        }
        return (address instanceof Inet6Address ? "[" + ip() + "]" : ip()) + ":" + check.destination().port();
    }

    @Override
    public String source() {
        String ipPort = addressAndPort();
        return ipPort != null ? ipPort : check.target();
    }

    @Override
    public String target() {
        String configured = check.target();
        String resolved = addressAndPort();
        return resolved == null || resolved.equals(configured) ? configured : configured + " (" + resolved + ")";
    }

    /** The connect time: what the network took, without the probe's own overhead. */
    @Override
    public String time(long durationNanos) {
        return connectMicros < 0 ? "-" : String.format(Locale.ROOT, "%.2f ms", connectMicros / 1e3);
    }
}
