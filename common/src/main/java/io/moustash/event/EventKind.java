package io.moustash.event;

/** ECS {@code event.kind}: what sort of thing the event reports. */
public enum EventKind {
    /** Something happened: a process changed state, a script sent a message. */
    EVENT("event"),
    /** Something a person should look at; set for every event that carries the notification tag. */
    ALERT("alert"),
    /** A periodic reading of the state of something, such as a probe result. */
    STATE("state"),
    /** A measurement, such as a periodic heartbeat. */
    METRIC("metric");

    private final String ecsName;

    EventKind(String ecsName) {
        this.ecsName = ecsName;
    }

    public String ecsName() {
        return ecsName;
    }
}
