package io.moustash.cuir.config;

import io.moustash.cuir.check.Target;
import io.moustash.cuir.check.tcp.Hosts;

/**
 * One probe of the original {@code [cuir]} form: {@code Name: host:port:informations}. The host is
 * an IPv4 address, a bracketed IPv6 address or a DNS name; the informations are everything after
 * the port's colon, colons included (the original kept only up to the next colon).
 */
public record TargetLine(Target target, String informations) {
    static final String FORM = "expected host:port:informations";
    private static final String IPV6_HINT = " (an IPv6 address goes in brackets: [::1]:22:informations)";

    /** Parses the value of one line; throws {@link IllegalArgumentException} saying what is wrong. */
    public static TargetLine parse(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no target: " + FORM);
        }
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed bracket: expected [IPv6 address]:port:informations");
            }
            host = text.substring(1, close);
            rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected a colon and a port after ]: " + FORM);
            }
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? "" : text.substring(colon);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("missing host: " + FORM + hint(text, host));
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("missing port: " + FORM + hint(text, host));
        }
        String afterHost = rest.substring(1);
        int colon = afterHost.indexOf(':');
        String portText = (colon < 0 ? afterHost : afterHost.substring(0, colon)).trim();
        String informations = colon < 0 ? "" : afterHost.substring(colon + 1).trim();
        if (portText.isEmpty()) {
            throw new IllegalArgumentException("missing port: " + FORM + hint(text, host));
        }
        int port = port(portText);
        String checkedHost;
        try {
            checkedHost = Hosts.check(text.startsWith("[") ? "[" + host + "]" : host);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + FORM + hint(text, host));
        }
        return new TargetLine(new Target(checkedHost, port), informations);
    }

    static int port(String text) {
        if (!text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port " + text + " is not a number: expected a port number from 1 to 65535");
        }
        int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + text + " out of range: expected a port number from 1 to 65535");
        }
        return port;
    }

    /** An unbracketed IPv6 address splits at its first colon, leaving a hex group or nothing as host. */
    private static String hint(String text, String host) {
        return !text.startsWith("[") && text.contains("::") && host.matches("[0-9A-Fa-f]{0,4}") ? IPV6_HINT : "";
    }
}
