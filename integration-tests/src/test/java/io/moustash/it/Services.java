package io.moustash.it;

/**
 * The brokers scripts/integration-test started for the suite, read from the environment it
 * exports. Running an IT outside that script fails fast with a message saying so.
 */
public final class Services {
    private Services() {
    }

    public static int redisPort() {
        return Integer.parseInt(require("MOUSTASH_IT_REDIS_PORT"));
    }

    public static String redisUrl() {
        return "redis://127.0.0.1:" + redisPort();
    }

    /** The Redis with {@code requirepass} and only a TLS listener (client certificates required). */
    public static int redisTlsPort() {
        return Integer.parseInt(require("MOUSTASH_IT_REDIS_TLS_PORT"));
    }

    public static String redisTlsPassword() {
        return require("MOUSTASH_IT_REDIS_TLS_PASSWORD");
    }

    /** rabbitmq-server's plain AMQP listener (user guest/guest, vhost /). */
    public static int rabbitmqPort() {
        return Integer.parseInt(require("MOUSTASH_IT_RABBITMQ_PORT"));
    }

    /**
     * The suite's rabbitmq-server node name. The script exports it with the rest of the node's
     * environment (RABBITMQ_CONF_ENV_FILE, ERL_EPMD_PORT, ...), so rabbitmqctl run from a test
     * reaches that node.
     */
    public static String rabbitmqNodeName() {
        return require("RABBITMQ_NODENAME");
    }

    /** rabbitmq-server's TLS listener; it requires a client certificate signed by {@code ca.pem}. */
    public static int rabbitmqTlsPort() {
        return Integer.parseInt(require("MOUSTASH_IT_RABBITMQ_TLS_PORT"));
    }

    /** amqp://guest:guest@127.0.0.1:port/%2F */
    public static String rabbitmqUrl() {
        return "amqp://guest:guest@127.0.0.1:" + rabbitmqPort() + "/%2F";
    }

    /**
     * The certificates openssl made for the TLS listeners: {@code ca.pem}; {@code server.pem} for
     * DNS:localhost only; {@code client.pem} with {@code client-key.pem} (PKCS#8),
     * {@code client-key-pkcs1.pem} and {@code client-key-encrypted.pem}; {@code other-ca.pem}, which
     * signed neither.
     */
    public static java.nio.file.Path tls(String file) {
        return java.nio.file.Path.of(require("MOUSTASH_IT_TLS_DIR")).resolve(file);
    }

    /** Where the script keeps the services' files (logs, configs); tests may add their own there. */
    public static java.nio.file.Path workDir() {
        return java.nio.file.Path.of(require("MOUSTASH_IT_WORKDIR"));
    }

    static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the suite with scripts/integration-test");
        }
        return value;
    }
}
