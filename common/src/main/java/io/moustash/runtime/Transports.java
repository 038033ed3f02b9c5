package io.moustash.runtime;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.config.Option;
import io.moustash.config.Parsers;
import io.moustash.transport.Transport;
import io.moustash.transport.amqp.AmqpTransport;
import io.moustash.transport.amqp.RabbitOptions;
import io.moustash.transport.redis.RedisOptions;
import io.moustash.transport.redis.RedisTransport;
import io.moustash.transport.stdout.StdoutTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * The transports this build knows, and the {@code [moustash] transport} option that picks one:
 * the one place a transport is registered. Delivery and the transports themselves know nothing of
 * the configuration file; this is where the two meet.
 */
public final class Transports {
    public static final String REDIS = "redis";
    public static final String RABBITMQ = "rabbitmq";
    public static final String STDOUT = "stdout";

    /** In the order their options are listed and their problems reported. */
    public static final List<TransportProvider> ALL = List.of(
            new TransportProvider(REDIS, RedisOptions.ALL, true, values -> new RedisTransport(RedisOptions.settings(values))),
            new TransportProvider(RABBITMQ, RabbitOptions.ALL, true, values -> new AmqpTransport(RabbitOptions.settings(values))),
            new TransportProvider(STDOUT, List.of(), false, values -> new StdoutTransport(System.out)));

    public static final Option<String> TRANSPORT = Option.of("transport",
            Parsers.choice(names()), REDIS,
            "Where events go: redis, rabbitmq, or stdout (one JSON document per line, for debugging).");

    private Transports() {
    }

    /** The provider registered under {@code name}. */
    public static TransportProvider named(String name) {
        for (TransportProvider provider : ALL) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new MoustashException(ExitCode.CONFIG, "transport " + name + " is not available in this build");
    }

    /** Every registered transport's options, in registration order. */
    static List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>();
        for (TransportProvider provider : ALL) {
            all.addAll(provider.options());
        }
        return all;
    }

    private static String[] names() {
        String[] names = new String[ALL.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = ALL.get(i).name();
        }
        return names;
    }

    /** Makes the transport {@code settings} name; nothing touches the network. */
    public static Transport create(MoustashSettings settings) {
        return named(settings.transport()).factory().apply(settings.values());
    }
}
