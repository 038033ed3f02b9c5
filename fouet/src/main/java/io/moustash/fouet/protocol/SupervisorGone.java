package io.moustash.fouet.protocol;

import java.io.IOException;

/**
 * Writing to supervisord failed: it closed the listener's stdout (it is stopping, or gone), so
 * nobody is left to answer. Not a bug of the listener's: the caller ends its loop cleanly.
 */
public final class SupervisorGone extends IOException {
    SupervisorGone(IOException cause) {
        super("supervisord no longer reads fouet's answers (" + cause.getMessage() + ")", cause);
    }
}
