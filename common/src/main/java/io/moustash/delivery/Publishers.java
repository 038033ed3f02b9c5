package io.moustash.delivery;

import io.moustash.event.EventEncoder;
import io.moustash.event.EventSettings;
import io.moustash.runtime.MoustashSettings;
import io.moustash.spool.Spool;
import io.moustash.spool.SpoolDirectories;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportOptions;
import io.moustash.transport.Transports;
import io.moustash.transport.redis.RedisTransport;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the publisher a tool uses, from its settings. */
public final class Publishers {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private Publishers() {
    }

    public static Publisher open(MoustashSettings settings) {
        return open(settings, settings.events());
    }

    /**
     * A publisher whose events take {@code events} instead of the file's, for command-line overrides.
     * For a broker it is a {@link ReliablePublisher} with its spool; for {@code transport = stdout}
     * (a debugging aid) a {@link DirectPublisher}. Nothing touches the network here.
     *
     * @throws io.moustash.spool.SpoolException (exit 78) when no spool directory can be written
     */
    public static Publisher open(MoustashSettings settings, EventSettings events) {
        EventEncoder encoder = EventEncoder.of(events);
        if (settings.transport().equals(TransportOptions.STDOUT)) {
            return new DirectPublisher(Transports.create(settings), encoder);
        }
        DeliverySettings delivery = settings.delivery();
        Path spoolDir = SpoolDirectories.resolve(delivery.spoolDir());
        Transport transport = Transports.create(settings);
        Spool spool = Spool.open(spoolDir, transport.destination(), delivery.spoolMaxBytes(), LOG::warn);
        return open(transport, encoder, spool, delivery);
    }

    /** A reliable publisher over parts built elsewhere; it owns and closes them. For tests and new transports. */
    public static Publisher open(Transport transport, EventEncoder encoder, Spool spool, DeliverySettings delivery) {
        return new ReliablePublisher(transport, encoder, spool, delivery, congestionGuard(transport, delivery));
    }

    /** Only a Redis list has a length to watch; a channel keeps nothing. */
    private static CongestionGuard congestionGuard(Transport transport, DeliverySettings delivery) {
        if (delivery.congestionThreshold() > 0 && transport instanceof RedisTransport redis && redis.listMode()) {
            return new CongestionGuard(redis::backlog, delivery.congestionThreshold());
        }
        return null;
    }
}
