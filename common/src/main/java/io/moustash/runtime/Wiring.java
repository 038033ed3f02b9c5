package io.moustash.runtime;

import io.moustash.delivery.DirectPublisher;
import io.moustash.delivery.OneShotPublisher;
import io.moustash.delivery.Publisher;
import io.moustash.delivery.Publishers;
import io.moustash.delivery.ReliablePublisher;
import io.moustash.event.EventEncoder;
import io.moustash.event.EventSettings;
import io.moustash.spool.Spool;
import io.moustash.spool.SpoolDirectories;
import io.moustash.transport.Transport;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a tool's delivery parts are made from its configuration, and the only place that knows
 * both: the transport {@code [moustash] transport} names ({@link Transports}), the spool for it,
 * the encoder, and the publisher over them. Nothing here touches the network.
 */
public final class Wiring {
    /**
     * The spool speaks through delivery's logger: a daemon's log shows its warnings (a file it
     * skips, a disk outage, said once each), a one-shot tool's stderr only with -v, since its own
     * closing line already says where its event went ({@link io.moustash.cli.Logging#quietDelivery}).
     */
    private static final class Log {
        // In a holder: a one-shot that logs nothing never starts the logging (about 20 ms, measured).
        static final Logger LOG = LoggerFactory.getLogger(ReliablePublisher.LOGGER_NAME);
    }

    private Wiring() {
    }

    /**
     * The publisher of a one-shot tool that publishes one event and exits: as
     * {@link #publisher(MoustashSettings, EventSettings)}, but the spool is opened, and the reliable
     * publisher made, only when the event cannot go at once ({@link OneShotPublisher}).
     */
    public static Publisher oneShotPublisher(MoustashSettings settings, EventSettings events) {
        return publisher(settings, events, null, true);
    }

    /** The publisher for {@code settings}; its creator closes it. */
    public static Publisher publisher(MoustashSettings settings) {
        return publisher(settings, settings.events());
    }

    /**
     * A publisher whose events take {@code events} instead of the file's, for command-line overrides.
     * For a broker it is the reliable publisher with its spool; for a transport registered as not
     * spooled ({@code transport = stdout}, a debugging aid) a {@link DirectPublisher}.
     *
     * @throws io.moustash.spool.SpoolException (exit 78) when no spool directory can be written
     */
    public static Publisher publisher(MoustashSettings settings, EventSettings events) {
        return publisher(settings, events, null, false);
    }

    /**
     * As {@link #publisher(MoustashSettings)}, and says to {@code where}, once, where the events go:
     * {@code redis 127.0.0.1:6379 db 0 list logstash:moustash, spool /var/spool/moustash}, for a
     * daemon's start-up line. No secrets.
     */
    public static Publisher publisher(MoustashSettings settings, Consumer<String> where) {
        return publisher(settings, settings.events(), where, false);
    }

    /** @param where takes the one line that says where events go, or {@code null} */
    private static Publisher publisher(MoustashSettings settings, EventSettings events, Consumer<String> where,
            boolean oneShot) {
        EventEncoder encoder = EventEncoder.of(events);
        TransportProvider provider = Transports.named(settings.transport());
        Transport transport = provider.factory().apply(settings.values());
        if (!provider.spooled()) {
            if (where != null) {
                where.accept(transport.destination() + ", no spool");
            }
            return new DirectPublisher(transport, encoder);
        }
        Path directory = SpoolDirectories.resolve(settings.delivery().spoolDir());
        if (oneShot) {
            return new OneShotPublisher(transport, encoder, directory, settings.delivery());
        }
        Spool spool = Spool.open(directory, transport.destination(), settings.delivery().spoolMaxBytes(), Log.LOG::warn);
        if (where != null) {
            where.accept(transport.destination() + ", spool " + directory);
        }
        return Publishers.open(transport, encoder, spool, settings.delivery());
    }

    /** The transport {@code settings} name, on its own (tests, diagnostics); its creator closes it. */
    public static Transport transport(MoustashSettings settings) {
        return Transports.create(settings);
    }
}
