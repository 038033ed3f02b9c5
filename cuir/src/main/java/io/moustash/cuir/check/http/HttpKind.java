package io.moustash.cuir.check.http;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.cuir.check.Check;
import io.moustash.cuir.check.CheckKind;
import io.moustash.cuir.check.CheckOptions;
import io.moustash.cuir.check.CheckSection;
import io.moustash.cuir.check.HttpCheck;
import io.moustash.cuir.check.ProbeContext;
import io.moustash.cuir.check.Prober;
import io.moustash.cuir.check.TlsClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code url}: an HTTP(S) request, its response judged by status, body and JSON values. */
public final class HttpKind implements CheckKind<HttpCheck> {
    public static final HttpKind KIND = new HttpKind();
    /** The body is read and matched within its first 64 KiB: a health page is far shorter. */
    public static final int MAX_BODY = 64 * 1024;
    /** Redirects followed at most, all within the probe's timeout. */
    public static final int MAX_REDIRECTS = 5;
    public static final int DEFAULT_CERT_WARN_DAYS = CheckOptions.CERT_WARN_DAYS.defaultValue();

    public static final Option<HttpUrl> URL = Option.of("url", HttpUrl::parse, null,
            "An http:// or https:// URL to request instead of connecting.");
    public static final Option<String> METHOD = Option.of("method",
            Parsers.choice("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"), "GET",
            "The request's method; the request has no body.");
    public static final Option<StatusCodes> STATUS = Option.of("status", StatusCodes::parse, StatusCodes.DEFAULT,
            "Accepted response statuses, codes and ranges: 200-299,301.");
    public static final Option<JsonRule> JSON = Option.of("json", JsonRule::parse, null,
            "A rule on the JSON body, one per line: PATH OP VALUE [else warning], OP among = != < > ~.").asRepeatable();
    public static final Option<Header> HEADERS = Option.of("headers", Header::parse, null,
            "A request header, Name: value, one per line.").asRepeatable();
    public static final Option<Boolean> FOLLOW_REDIRECTS = Option.of("follow_redirects", Parsers.bool(), false,
            "Follow redirects (at most 5, within the timeout) and judge the last response.");
    public static final Option<Path> TLS_CA = Option.of("tls_ca", Parsers.path(), null,
            "CA certificates (PEM) that sign the server's certificate; default: the JDK's CAs.");
    public static final Option<Boolean> TLS_VERIFY = Option.of("tls_verify", Parsers.bool(), true,
            "Verify the server's certificate chain and host name.");

    private HttpKind() {
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<Option<?>> keys() {
        return List.of(URL);
    }

    @Override
    public String needs() {
        return "a url";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(URL, METHOD, STATUS, CheckOptions.EXPECT, JSON, HEADERS, FOLLOW_REDIRECTS, TLS_CA,
                CheckOptions.TLS_CERT, CheckOptions.TLS_KEY, TLS_VERIFY, CheckOptions.CERT_WARN_DAYS);
    }

    @Override
    public Optional<HttpCheck> read(CheckSection section) {
        Optional<HttpUrl> url = section.find(URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        boolean verify = section.get(TLS_VERIFY);
        if (!verify && section.isSet(TLS_CA)) {
            section.warning("tls_ca is not used with tls_verify = no");
        }
        Optional<TlsClient> tls = CheckOptions.tlsClient(section, verify ? section.get(TLS_CA) : null, verify);
        return tls.map(client -> new HttpCheck(url.get(), section.get(METHOD), section.get(STATUS),
                section.get(CheckOptions.EXPECT), section.all(JSON), section.all(HEADERS), section.get(FOLLOW_REDIRECTS),
                client, section.get(CheckOptions.CERT_WARN_DAYS)));
    }

    @Override
    public Prober<HttpCheck> prober(ProbeContext context) {
        return new HttpProber(context);
    }

    @Override
    public HttpCheck cast(Check check) {
        return (HttpCheck) check;
    }
}
