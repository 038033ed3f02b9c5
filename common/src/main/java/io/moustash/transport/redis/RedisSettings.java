package io.moustash.transport.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.moustash.transport.tls.TlsSettings;
import java.time.Duration;

/**
 * Where and how the Redis transport connects, as read from {@code [moustash]}.
 *
 * @param password {@code null} when Redis has no AUTH
 * @param url {@code null} unless {@code redis_url} is set; it then overrides host, port, db and password
 * @param tls the {@code redis_ssl*} options; a {@code rediss://} url turns TLS on whatever {@code redis_ssl} says
 */
public record RedisSettings(String host, int port, int db, String namespace, String password, DataType dataType,
        String url, Duration timeout, TlsSettings tls) {

    /** Settings without TLS. */
    public RedisSettings(String host, int port, int db, String namespace, String password, DataType dataType,
            String url, Duration timeout) {
        this(host, port, db, namespace, password, dataType, url, timeout, TlsSettings.off("redis_ssl"));
    }

    /** The two modes of logstash's redis input. */
    public enum DataType {
        /** RPUSH to a list; logstash pops it, so nothing is lost while logstash is away. */
        LIST,
        /** PUBLISH to a channel; only subscribers listening at that moment receive it. */
        CHANNEL
    }

    /** The URI Lettuce connects to, with the timeout applied. */
    public RedisURI uri() {
        RedisURI uri;
        if (url != null) {
            uri = RedisURI.create(url);
        } else {
            RedisURI.Builder builder = RedisURI.builder().withHost(host).withPort(port).withDatabase(db);
            if (password != null && !password.isEmpty()) {
                builder.withPassword(password.toCharArray());
            }
            uri = builder.build();
        }
        if (tls.enabled()) {
            uri.setSsl(true);
        }
        if (uri.isSsl() && !tls.verify()) {
            uri.setVerifyPeer(SslVerifyMode.NONE);
        }
        uri.setTimeout(timeout);
        return uri;
    }

    /**
     * Whether a plain TCP socket reaches this Redis: no TLS, no Sentinel, no Unix socket. Those
     * three go through Lettuce; the plain path needs none of it (see {@link SocketLink}).
     */
    public boolean plainTcp() {
        if (usesTls()) {
            return false;
        }
        if (url == null) {
            return true;
        }
        RedisURI uri = RedisURI.create(url);
        return uri.getSentinels().isEmpty() && uri.getSocket() == null;
    }

    /** Host, port, database and credentials for a {@link #plainTcp()} connection, from the url when set. */
    Endpoint endpoint() {
        if (url == null) {
            return new Endpoint(host, port, db, null, password == null || password.isEmpty() ? null : password);
        }
        RedisURI uri = RedisURI.create(url);
        char[] secret = uri.getPassword();
        String name = uri.getHost();
        // RedisURI keeps the brackets of an IPv6 literal.
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return new Endpoint(name, uri.getPort(), uri.getDatabase(), uri.getUsername(),
                secret == null || secret.length == 0 ? null : new String(secret));
    }

    /** @param username {@code null} for Redis's default user; @param password {@code null} for no AUTH */
    record Endpoint(String host, int port, int db, String username, String password) {
        @Override
        public String toString() {
            return "Endpoint[" + host + ":" + port + "/" + db + "]";
        }
    }

    /** Whether connections use TLS: {@code redis_ssl = 1} or a {@code rediss://} url. */
    public boolean usesTls() {
        return tls.enabled() || url != null && RedisURI.create(url).isSsl();
    }

    /** The TLS settings in effect, enabled when {@link #usesTls()}. */
    public TlsSettings effectiveTls() {
        return tls.withEnabled(usesTls());
    }

    /** host:port as users wrote them, never with a password. */
    public String address() {
        if (url == null) {
            return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        }
        RedisURI uri = RedisURI.create(url);
        if (!uri.getSentinels().isEmpty()) {
            RedisURI first = uri.getSentinels().get(0);
            return "sentinel " + first.getHost() + ":" + first.getPort() + " master " + uri.getSentinelMasterId();
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * See {@link io.moustash.transport.Transport#destination()}: {@code redis HOST:PORT db N list KEY},
     * with the sentinels and master name or the socket path in place of host and port, from
     * {@code redis_url} when set. No password, user or TLS.
     */
    public String destination() {
        String where;
        int database = db;
        if (url == null) {
            where = address();
        } else {
            RedisURI uri = RedisURI.create(url);
            database = uri.getDatabase();
            if (!uri.getSentinels().isEmpty()) {
                where = "sentinel " + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                        .collect(java.util.stream.Collectors.joining(",")) + " master " + uri.getSentinelMasterId();
            } else if (uri.getSocket() != null) {
                where = "unix " + uri.getSocket();
            } else {
                where = address();
            }
        }
        return "redis " + where + " db " + database + " " + dataType.name().toLowerCase(java.util.Locale.ROOT)
                + " " + namespace;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + ", " + dataType.name().toLowerCase(java.util.Locale.ROOT) + " " + namespace + "]";
    }
}
