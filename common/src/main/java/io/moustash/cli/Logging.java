package io.moustash.cli;

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

    /** Lowers the log level to debug; must run before the first logger is created. */
    public static void verbose() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
}
