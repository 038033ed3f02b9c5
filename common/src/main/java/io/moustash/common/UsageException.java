package io.moustash.common;

/** The command line asked for something that cannot be done; exit status 64. */
public class UsageException extends MoustashException {
    public UsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
