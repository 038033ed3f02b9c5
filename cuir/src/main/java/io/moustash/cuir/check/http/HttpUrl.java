package io.moustash.cuir.check.http;

import io.moustash.cuir.check.tcp.Hosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An http or https URL as a probe uses it: where to connect and what to ask for.
 *
 * @param host as written, IPv6 without brackets
 * @param request the path and query sent in the request line, {@code /} at least
 * @param text the URL as written (for events and tables)
 */
public record HttpUrl(boolean secure, String host, int port, String request, String text) {

    /** Reads {@code text}; throws with what is wrong: a scheme other than http(s), no host, a bad port. */
    public static HttpUrl parse(String text) {
        if (!text.contains("://")) {
            throw new IllegalArgumentException("expected an http:// or https:// URL");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
        return of(uri, text.trim());
    }

    private static HttpUrl of(URI uri, String text) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("expected an http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("user:password@ in a URL is not supported; send an Authorization header with headers");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("missing host, or a host that is no name or address");
        }
        host = Hosts.check(host);
        boolean secure = scheme.equals("https");
        int port = uri.getPort() < 0 ? (secure ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String request = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new HttpUrl(secure, host, port, request, text);
    }

    /** Where a redirect's {@code Location} points, relative to this URL. */
    public HttpUrl resolve(String location) {
        try {
            URI next = new URI(text).resolve(new URI(location.trim()));
            return of(next, next.toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("redirect to a malformed Location: " + location);
        }
    }

    /** The Host header: the host, and the port unless it is the scheme's. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (secure ? 443 : 80) ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return text;
    }
}
