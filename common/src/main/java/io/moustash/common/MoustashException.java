package io.moustash.common;

/**
 * A failure a user can act on: its message is one line meant for stderr, and it carries the exit
 * status a tool should end with. The command-line layer prints the message, never the stack.
 */
public class MoustashException extends RuntimeException {
    private final int exitCode;

    public MoustashException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MoustashException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
