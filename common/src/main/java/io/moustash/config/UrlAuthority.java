package io.moustash.config;

/**
 * The authority of a broker url, {@code scheme://[userinfo@]host[:port][,host[:port]…]}, read by
 * hand: java.net.URI gives up on a sentinel list ({@code a:26379,b:26379}) and on a port that is
 * not a number, which are exactly the urls a user needs told about.
 *
 * @param userInfo what stands before the last {@code @}, or {@code null} when there is none
 * @param hosts the {@code host[:port]} list after it, as written
 */
public record UrlAuthority(String userInfo, String hosts) {

    /** The authority of {@code url}, or {@code null} when it has no {@code ://}. */
    public static UrlAuthority of(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String rest = url.substring(scheme + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '#', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        int at = rest.lastIndexOf('@', end - 1);
        return new UrlAuthority(at < 0 ? null : rest.substring(0, at), rest.substring(at + 1, end));
    }
}
