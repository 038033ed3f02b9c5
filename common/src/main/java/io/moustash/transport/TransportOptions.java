package io.moustash.transport;

import io.moustash.config.Option;
import io.moustash.config.Parsers;
import java.util.List;

/** The {@code [moustash]} option that picks the broker. */
public final class TransportOptions {
    public static final String REDIS = "redis";
    public static final String RABBITMQ = "rabbitmq";
    public static final String STDOUT = "stdout";

    public static final Option<String> TRANSPORT = Option.of("transport",
            Parsers.choice(REDIS, RABBITMQ, STDOUT), REDIS,
            "Where events go: redis, rabbitmq, or stdout (one JSON document per line, for debugging).");

    public static final List<Option<?>> ALL = List.of(TRANSPORT);

    private TransportOptions() {
    }
}
