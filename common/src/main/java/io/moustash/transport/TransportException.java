package io.moustash.transport;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;

/**
 * A broker could not take documents. The message is one line that names the broker and the cause,
 * e.g. {@code redis 127.0.0.1:6379: connection refused}, and never holds a password.
 */
public class TransportException extends MoustashException {
    public TransportException(String message) {
        super(ExitCode.UNAVAILABLE, message);
    }

    public TransportException(String message, Throwable cause) {
        super(ExitCode.UNAVAILABLE, message, cause);
    }
}
