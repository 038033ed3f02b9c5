package io.moustash.cuir.check;

import java.util.Objects;

/**
 * Where a TCP probe connects: a host as configured (an IPv4 address, an IPv6 address without
 * brackets, or a DNS name) and a port.
 */
public record Target(String host, int port) {
    public Target {
        Objects.requireNonNull(host, "host");
    }

    /** Whether {@link #host} is an IPv6 literal, which is written in brackets before a port. */
    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    /** {@code host:port}, or {@code [v6]:port}: the way a user writes the target. */
    @Override
    public String toString() {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }
}
