package io.moustash.transport;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;
import io.moustash.runtime.MoustashSettings;
import io.moustash.transport.amqp.AmqpTransport;
import io.moustash.transport.redis.RedisTransport;
import io.moustash.transport.stdout.StdoutTransport;

/** Creates the transport {@code [moustash] transport} names. */
public final class Transports {
    private Transports() {
    }

    /**
     * A transport for {@code settings}; it connects lazily, so this never touches the network.
     *
     * @throws MoustashException (exit 78) when a TLS certificate or key file cannot be used
     */
    public static Transport create(MoustashSettings settings) {
        return switch (settings.transport()) {
            case TransportOptions.REDIS -> new RedisTransport(settings.redis());
            case TransportOptions.RABBITMQ -> new AmqpTransport(settings.rabbitmq());
            case TransportOptions.STDOUT -> new StdoutTransport(System.out);
            default -> throw new MoustashException(ExitCode.CONFIG,
                    "transport " + settings.transport() + " is not available in this build");
        };
    }
}
