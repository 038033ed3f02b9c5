package io.moustash.common;

/**
 * Exit statuses shared by the three tools, taken from BSD's {@code sysexits.h} so that shell
 * scripts and supervisord can tell a usage mistake from a broken configuration or a broker that
 * is away.
 */
public final class ExitCode {
    public static final int OK = 0;
    /** EX_USAGE: the command line was wrong. */
    public static final int USAGE = 64;
    /** EX_UNAVAILABLE: the broker could not be reached and nothing was kept. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a bug in Moustash itself. */
    public static final int SOFTWARE = 70;
    /** EX_CONFIG: the configuration file is wrong. */
    public static final int CONFIG = 78;

    private ExitCode() {
    }
}
