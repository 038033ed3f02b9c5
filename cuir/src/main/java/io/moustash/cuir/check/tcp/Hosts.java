package io.moustash.cuir.check.tcp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks the host part of a probe without asking DNS: an IPv4 address, an IPv6 literal or a DNS name. */
public final class Hosts {
    /** Letters, digits, hyphens and underscores in dot-separated labels; a trailing dot is allowed. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_][A-Za-z0-9_-]{0,62})*\\.?");

    private Hosts() {
    }

    /**
     * Returns the host as probes use it (IPv6 without brackets) or throws with what is wrong.
     * Literals containing ':' are parsed by the JDK as IPv6 literals, never looked up.
     */
    public static String check(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        } else if (h.startsWith("[")) {
            throw new IllegalArgumentException("unclosed bracket: expected [IPv6 address]");
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("missing host");
        }
        if (h.indexOf(':') >= 0) {
            try {
                if (InetAddress.getByName(h) instanceof Inet6Address) {
                    return h;
                }
            } catch (UnknownHostException e) {
                // reported below
            }
            throw new IllegalArgumentException(h + " is not an IPv6 address");
        }
        if (h.length() > 253 || !NAME.matcher(h).matches()) {
            throw new IllegalArgumentException(h + " is not a host name or address");
        }
        return h;
    }
}
