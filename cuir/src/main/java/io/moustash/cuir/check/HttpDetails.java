package io.moustash.cuir.check;

import io.moustash.cuir.check.http.HttpUrl;
import io.moustash.event.Event;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;

/**
 * What an HTTP probe found, of its last request (the one after the redirects it followed). Timings
 * are -1 when the phase did not complete (or, for TLS, did not happen).
 *
 * @param url the URL of the last request: the configured one unless redirects were followed
 * @param address the address connected to; {@code null} when the name did not resolve
 * @param statusCode the response's status; {@code null} without a response
 * @param redirects redirects followed
 * @param dnsMicros resolving the host (near 0 when the answer was cached or the host is an address)
 * @param connectMicros the TCP connect
 * @param tlsMicros the TLS handshake
 * @param firstByteMicros from the request sent to the first byte of the response
 * @param certificateNotAfter with https, the end of the server certificate's validity
 */
public record HttpDetails(HttpCheck check, HttpUrl url, InetAddress address, Integer statusCode, int redirects,
        long dnsMicros, long connectMicros, long tlsMicros, long firstByteMicros, Instant certificateNotAfter)
        implements Details {
    private static final String HTTP = PREFIX + "http.";

    /** Nothing found: the probe could not start. */
    public static HttpDetails none(HttpCheck check) {
        return new HttpDetails(check, check.url(), null, null, 0, -1, -1, -1, -1, null);
    }

    @Override
    public void describe(Event.Builder b) {
        b.field("url.full", "url", check.url().toString());
        b.field("http.request.method", "method", check.method());
        b.field("destination.address", "target", url.host());
        b.field("destination.ip", "ip", address == null ? null : NetUtil.toAddressString(address));
        b.field("destination.port", "port", url.port());
        b.field("http.response.status_code", "status_code", statusCode);
        if (redirects > 0) {
            b.field(HTTP + "redirects", "redirects", redirects);
            b.field(HTTP + "final_url", "final_url", url.toString());
        }
        b.field(HTTP + "dns_us", "dns_us", micros(dnsMicros));
        b.field(HTTP + "connect_us", "connect_us", micros(connectMicros));
        b.field(HTTP + "tls_us", "tls_us", micros(tlsMicros));
        b.field(HTTP + "first_byte_us", "first_byte_us", micros(firstByteMicros));
        if (certificateNotAfter != null) {
            b.field("tls.server.not_after", "cert_not_after", certificateNotAfter.toString());
        }
    }

    private static Long micros(long value) {
        return value < 0 ? null : value;
    }

    /** {@code ip:port} (IPv6 in brackets) of the last connection, else the URL's {@code host:port}. */
    @Override
    public String source() {
        String ip = address == null ? null : NetUtil.toAddressString(address);
        String host = ip != null ? ip : url.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + url.port();
    }

    /** The URL, with the address it resolved to when the host is a name. */
    @Override
    public String target() {
        String ip = address == null ? null : NetUtil.toAddressString(address);
        String shown = check.url().toString() + (redirects > 0 ? " -> " + url : "");
        return ip == null || ip.equals(url.host()) ? shown : shown + " (" + ip + ")";
    }

    /** The whole exchange: connect, TLS, request and response, redirects included. */
    @Override
    public String time(long durationNanos) {
        return String.format(Locale.ROOT, "%.1f ms", durationNanos / 1e6);
    }
}
