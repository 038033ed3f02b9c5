package io.moustash.spool;

import io.moustash.common.ExitCode;
import io.moustash.common.MoustashException;

/** The spool directory cannot be used or written: a one-line message naming the file and the cause. */
public class SpoolException extends MoustashException {
    public SpoolException(String message, Throwable cause) {
        super(ExitCode.UNAVAILABLE, message, cause);
    }

    public SpoolException(int code, String message) {
        super(code, message);
    }
}
