package io.moustash.delivery;

/** Where an accepted event is now. */
public enum Delivery {
    /** The broker has it (for RabbitMQ: confirmed it). */
    DELIVERED,
    /** It is in the local spool on disk and will be delivered when the broker is back. */
    SPOOLED
}
