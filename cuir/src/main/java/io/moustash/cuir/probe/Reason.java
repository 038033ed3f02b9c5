package io.moustash.cuir.probe;

/** Why a probe did not end UP; the text is what events and the --once table carry. */
public enum Reason {
    /** The target answered the SYN with a reset: nothing listens on the port. */
    REFUSED("refused", "connection refused"),
    /** No answer within the probe's timeout: a firewall dropping packets, a full backlog, a silent server. */
    TIMEOUT("timeout", ""),
    /** The network said there is no route to the target. */
    UNREACHABLE("unreachable", "unreachable"),
    /** The host name did not resolve. */
    DNS_FAILURE("dns_failure", "DNS lookup failed"),
    /** The target replied, or closed, without matching {@code expect}. */
    EXPECT_MISMATCH("expect_mismatch", "unexpected reply"),
    /** The TLS handshake failed, or the certificate has expired. */
    TLS_FAILURE("tls_failure", "TLS failure"),
    /** The certificate expires within {@code cert_warn_days}. */
    CERTIFICATE_EXPIRING("certificate_expiring", ""),
    /** A command probe's plugin said WARNING, CRITICAL or UNKNOWN (or could not run). */
    PLUGIN_STATUS("plugin_status", ""),
    /** A log probe counted more matching lines in one interval than its {@code max}. */
    TOO_MANY_MATCHES("too_many_matches", ""),
    /** A log probe counted fewer matching lines in one interval than its {@code min}: silence. */
    TOO_FEW_MATCHES("too_few_matches", ""),
        /** An HTTP probe's response has a status outside {@code status}. */
    HTTP_STATUS("http_status", ""),
    /** An HTTP probe's JSON body fails a {@code json} rule, or is no JSON. */
    JSON_MISMATCH("json_mismatch", ""),
    /** The target closed without an HTTP response, or sent something that is not HTTP. */
    BAD_RESPONSE("bad_response", ""),
    /** Cuir itself could not probe (out of file descriptors, no local address): not the target's fault. */
    LOCAL_ERROR("local_error", "");

    private final String text;
    private final String phrase;

    /** @param phrase the reason in words, for messages; empty where the detail says it all (a timeout's "no answer within 3 s") */
    Reason(String text, String phrase) {
        this.text = text;
        this.phrase = phrase;
    }

    /** The reason in words, as a message puts it before the detail: {@code connection refused}; may be empty. */
    public String phrase() {
        return phrase;
    }

    public String text() {
        return text;
    }
}
