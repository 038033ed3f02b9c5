package io.moustash.cuir.check.http;

import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.TlsClient;
import java.util.List;
import java.util.regex.Pattern;

/** HTTP checks for tests: the defaults a section without options gets, changed one option at a time. */
final class HttpChecks {
    private final HttpUrl url;
    private String method = "GET";
    private StatusCodes status = StatusCodes.DEFAULT;
    private Pattern expect;
    private List<JsonRule> json = List.of();
    private List<Header> headers = List.of();
    private boolean follow;
    private TlsClient tls = new TlsClient(null, null, null, true);
    private int certWarnDays = HttpKind.DEFAULT_CERT_WARN_DAYS;

    HttpChecks(String url) {
        this.url = HttpUrl.parse(url);
    }

    HttpChecks withMethod(String m) {
        method = m;
        return this;
    }

    HttpChecks withStatus(StatusCodes s) {
        status = s;
        return this;
    }

    HttpChecks withExpect(String regex) {
        expect = Pattern.compile(regex, Pattern.MULTILINE);
        return this;
    }

    HttpChecks withJson(List<JsonRule> rules) {
        json = rules;
        return this;
    }

    HttpChecks withHeaders(List<Header> h) {
        headers = h;
        return this;
    }

    HttpChecks withFollowRedirects() {
        follow = true;
        return this;
    }

    HttpChecks withTls(TlsClient client) {
        tls = client;
        return this;
    }

    HttpChecks withCertWarnDays(int days) {
        certWarnDays = days;
        return this;
    }

    HttpCheck build() {
        return new HttpCheck(url, method, status, expect, json, headers, follow, tls, certWarnDays);
    }
}
