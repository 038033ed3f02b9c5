package io.moustash.cli;

import io.moustash.delivery.ReliablePublisher;

/**
 * Where the tools speak: stderr only, through SLF4J simple configured by
 * {@code simplelogger.properties}. Plain warnings about configuration are printed as they are,
 * one line each, so that they read the same in a terminal and in supervisord's log.
 */
public final class Logging {
    private Logging() {
    }

    public static void warn(String line) {
        System.err.println(line);
    }

    private static final String DELIVERY_LOGGER = "org.slf4j.simpleLogger.log." + ReliablePublisher.LOGGER_NAME;

    /** Lowers the log level to debug, delivery's included ({@link #quietDelivery} undone); must run before the first logger is created. */
    public static void verbose() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        System.clearProperty(DELIVERY_LOGGER);
    }

    /**
     * Keeps the publisher's changes of state ("broker unreachable, spooling") out of a one-shot
     * tool's stderr, whose own closing line says where its events went; -v brings them back.
     * Must run before the first logger is created.
     */
    public static void quietDelivery() {
        System.setProperty(DELIVERY_LOGGER, "error");
    }

    /**
     * Log lines without the date and time, for a one-shot tool: the terminal, script or cron job
     * that runs it knows when, and SLF4J's date formatter loads the time-zone and locale data, about
     * 30 ms of a 250 ms PanPan start (measured). Must run before the first logger is created.
     */
    public static void undated() {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
    }
}
