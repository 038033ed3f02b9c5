package io.moustash.delivery;

import io.moustash.event.EventEncoder;
import io.moustash.spool.Spool;
import io.moustash.transport.Transport;

/**
 * Makes the reliable publisher over parts built elsewhere ({@code io.moustash.runtime.Wiring}
 * builds them from the configuration; tests build their own).
 */
public final class Publishers {
    private Publishers() {
    }

    /** A reliable publisher over these parts; it owns and closes them. */
    public static Publisher open(Transport transport, EventEncoder encoder, Spool spool, DeliverySettings delivery) {
        return reliable(transport, encoder, spool, delivery);
    }

    /** As {@link #open}, typed, for this package ({@link OneShotPublisher}). */
    static ReliablePublisher reliable(Transport transport, EventEncoder encoder, Spool spool, DeliverySettings delivery) {
        return new ReliablePublisher(transport, encoder, spool, delivery, congestionGuard(transport, delivery));
    }

    /** Only a destination that holds events (a Redis list) has a length to watch. */
    static CongestionGuard congestionGuard(Transport transport, DeliverySettings delivery) {
        if (delivery.congestionThreshold() <= 0) {
            return null;
        }
        return transport.backlog().map(backlog -> new CongestionGuard(backlog::length, delivery.congestionThreshold()))
                .orElse(null);
    }
}
