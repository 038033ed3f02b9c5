package io.moustash.transport.redis;

import io.lettuce.core.RedisURI;
import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.config.Parsers;
import io.moustash.config.UrlAuthority;
import io.moustash.config.ValueParser;
import io.moustash.transport.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code [moustash]} options of the Redis transport. The original Moustash's README wrote
 * {@code redis_ip} while its code read {@code redis_host}; both are accepted and {@code redis_host}
 * wins.
 */
public final class RedisOptions {
    public static final Option<String> HOST = Option.of("redis_host", Parsers.nonEmptyText(), "localhost",
            "Redis server host name or address.").withAlias("redis_ip");
    public static final Option<Integer> PORT = Option.of("redis_port", Parsers.port(), 6379,
            "Redis server port.");
    public static final Option<Integer> DB = Option.of("redis_db", Parsers.integer(0, 1_000_000), 0,
            "Redis database number.");
    public static final Option<String> NAMESPACE = Option.of("redis_namespace", Parsers.nonEmptyText(),
            "logstash:moustash", "Redis key of the list (or name of the channel) events are sent to: logstash's redis input `key`.");
    public static final Option<String> PASSWORD = Option.of("redis_password", Parsers.text(), null,
            "Password for Redis AUTH; never logged.").asSecret();
    public static final Option<String> DATA_TYPE = Option.of("redis_data_type", Parsers.choice("list", "channel"),
            "list", "list: RPUSH to the key; channel: PUBLISH to it. Must match logstash's redis input `data_type`.");
    public static final Option<String> URL = Option.of("redis_url", redisUri(), null,
            "A Lettuce RedisURI (redis://, rediss:// for TLS, redis-sentinel:// for Sentinel); overrides host, port, db and password.")
            .asSecret();
    public static final Option<Duration> TIMEOUT = Option.of("redis_timeout", Parsers.seconds(), Duration.ofSeconds(5),
            "Seconds to wait for a connection or a reply before the broker counts as unavailable.");

    public static final Option<Boolean> SSL = Option.of("redis_ssl", Parsers.bool(), false,
            "Connect with TLS (Redis 6+ tls-port); a rediss:// redis_url turns it on too.");
    public static final Option<Path> SSL_CACERT = Option.of("redis_ssl_cacert", Parsers.path(), null,
            "PEM file of the CA certificate(s) that sign Redis's certificate; default: the JDK's trusted CAs.");
    public static final Option<Boolean> SSL_VERIFY = Option.of("redis_ssl_verify", Parsers.bool(), true,
            "Verify Redis's certificate chain and host name; 0 accepts any certificate (testing only).");
    public static final Option<Path> SSL_CERT = Option.of("redis_ssl_cert", Parsers.path(), null,
            "PEM client certificate, for a Redis with tls-auth-clients yes (its default).");
    public static final Option<Path> SSL_KEY = Option.of("redis_ssl_key", Parsers.path(), null,
            "PEM private key (PKCS#8, or PKCS#1 RSA) of the client certificate.");

    public static final List<Option<?>> ALL = List.of(HOST, PORT, DB, NAMESPACE, PASSWORD, DATA_TYPE, URL, TIMEOUT,
            SSL, SSL_CACERT, SSL_VERIFY, SSL_CERT, SSL_KEY);

    private RedisOptions() {
    }

    public static RedisSettings settings(OptionValues values) {
        return new RedisSettings(values.get(HOST), values.get(PORT), values.get(DB), values.get(NAMESPACE),
                values.get(PASSWORD), RedisSettings.DataType.valueOf(values.get(DATA_TYPE).toUpperCase(java.util.Locale.ROOT)),
                values.get(URL), values.get(TIMEOUT), new TlsSettings(values.get(SSL), values.get(SSL_CACERT),
                        values.get(SSL_CERT), values.get(SSL_KEY), values.get(SSL_VERIFY), "redis_ssl"));
    }

    private static ValueParser<String> redisUri() {
        return text -> {
            String url = text.trim();
            if (url.startsWith("redis-socket://")) {
                // Lettuce needs a native transport (epoll, kqueue) for Unix sockets, and the
                // distribution ships none: every send would fail, so say it now, not at each event.
                throw new IllegalArgumentException("Unix sockets (redis-socket://) are not supported by this build;"
                        + " let Redis listen on 127.0.0.1 and use redis://127.0.0.1:6379/0");
            }
            checkPorts(url);
            try {
                RedisURI.create(url);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "expected a Redis URL such as redis://host:6379/0, rediss://host:6380 or redis-sentinel://host:26379#mymaster");
            }
            return url;
        };
    }

    /**
     * Lettuce reads {@code redis://host:notaport} as the default port, and refuses a port out of
     * range with no word of which: say which part is not a port.
     */
    private static void checkPorts(String url) {
        UrlAuthority authority = UrlAuthority.of(url);
        if (authority == null) {
            return;
        }
        for (String host : authority.hosts().split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon < 0 || host.lastIndexOf(']') > colon) {
                continue;
            }
            String port = host.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("'" + port + "' is not a port (1 to 65535) in " + host);
            }
        }
    }
}
