package io.moustash.delivery;

import io.moustash.event.EventEncoder;
import io.moustash.event.EventSettings;
import io.moustash.runtime.MoustashSettings;
import io.moustash.transport.Transports;

/** Creates the publisher a tool uses, from its settings. */
public final class Publishers {
    private Publishers() {
    }

    public static Publisher open(MoustashSettings settings) {
        return open(settings, settings.events());
    }

    /** A publisher whose events take {@code events} instead of the file's, for command-line overrides. */
    public static Publisher open(MoustashSettings settings, EventSettings events) {
        return new DirectPublisher(Transports.create(settings), EventEncoder.of(events));
    }
}
