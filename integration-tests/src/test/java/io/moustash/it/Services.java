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
