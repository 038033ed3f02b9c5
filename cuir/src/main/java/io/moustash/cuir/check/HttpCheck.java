package io.moustash.cuir.check;

import io.moustash.cuir.check.http.Header;
import io.moustash.cuir.check.http.HttpKind;
import io.moustash.cuir.check.http.HttpUrl;
import io.moustash.cuir.check.http.JsonRule;
import io.moustash.cuir.check.http.StatusCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Ask a URL over HTTP(S) and judge the reply: its status, its body's text, values of its JSON body.
 *
 * @param expect what the body must contain, within its first {@value HttpKind#MAX_BODY} bytes; {@code null} for no check
 * @param json rules on the JSON body, in file order
 * @param headers request headers, added to or replacing Cuir's own
 * @param tls client certificate and trust, for https (and for http URLs that redirect to https)
 * @param certWarnDays with https, warn when the certificate expires within this many days (0: never)
 */
public record HttpCheck(HttpUrl url, String method, StatusCodes status, Pattern expect, List<JsonRule> json,
        List<Header> headers, boolean followRedirects, TlsClient tls, int certWarnDays) implements Check {

    public HttpCheck {
        json = List.copyOf(json);
        headers = List.copyOf(headers);
    }

    /** A GET of {@code url} with the defaults. */
    public static HttpCheck get(HttpUrl url) {
        return new HttpCheck(url, "GET", StatusCodes.DEFAULT, null, List.of(), List.of(), false,
                new TlsClient(null, null, null, true), HttpKind.DEFAULT_CERT_WARN_DAYS);
    }

    @Override
    public CheckKind<?> kind() {
        return HttpKind.KIND;
    }

    @Override
    public String target() {
        return url.toString();
    }

    @Override
    public List<String> settings() {
        List<String> parts = new ArrayList<>();
        if (!method.equals("GET")) {
            parts.add("method " + method);
        }
        parts.add("status " + status);
        if (expect != null) {
            parts.add("expect /" + expect.pattern() + "/");
        }
        json.forEach(rule -> parts.add("json " + rule));
        headers.forEach(header -> parts.add("header " + header.name()));
        if (followRedirects) {
            parts.add("follow redirects (at most " + HttpKind.MAX_REDIRECTS + ")");
        }
        if (url.secure() || followRedirects) {
            String client = tls.shown();
            if (!client.isEmpty()) {
                parts.add(client);
            } else if (!tls.verify()) {
                parts.add("no certificate verification");
            }
            if (certWarnDays > 0) {
                parts.add("warn " + certWarnDays + " days before expiry");
            }
        }
        return parts;
    }

    // A record's equals compares patterns by identity; a reloaded configuration compares checks by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof HttpCheck h && url.equals(h.url) && method.equals(h.method) && status.equals(h.status)
                && Objects.equals(pattern(expect), pattern(h.expect)) && json.equals(h.json) && headers.equals(h.headers)
                && followRedirects == h.followRedirects && tls.equals(h.tls) && certWarnDays == h.certWarnDays;
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, method, status, pattern(expect), json, headers, followRedirects, tls, certWarnDays);
    }

    private static String pattern(Pattern p) {
        return p == null ? null : p.pattern();
    }
}
