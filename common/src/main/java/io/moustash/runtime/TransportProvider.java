package io.moustash.runtime;

import io.moustash.config.Option;
import io.moustash.config.OptionValues;
import io.moustash.transport.Transport;
import java.util.List;
import java.util.function.Function;

/**
 * A transport Moustash can publish through, as {@link Transports} registers it: its name in
 * {@code [moustash] transport}, the options it reads from {@code [moustash]}, and how to make one
 * from their values. A new transport is its own package plus one such registration.
 *
 * @param spooled whether events go through the reliable publisher and its spool; false for a
 *     debugging aid that writes synchronously ({@code stdout})
 * @param factory makes the transport from the parsed {@code [moustash]} values; it must not touch
 *     the network (transports connect on first send) and throws a
 *     {@link io.moustash.common.MoustashException} (exit 78) for a file it cannot use
 */
public record TransportProvider(String name, List<Option<?>> options, boolean spooled,
        Function<OptionValues, Transport> factory) {

    public TransportProvider {
        options = List.copyOf(options);
    }
}
