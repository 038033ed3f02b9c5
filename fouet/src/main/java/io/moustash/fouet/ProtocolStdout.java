package io.moustash.fouet;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Takes stdout away from everything but the protocol. Any stray byte on stdout (a library's
 * banner, a println, the stdout transport) would put Fouet in supervisord's UNKNOWN state, where
 * it silently receives nothing more; so, before anything else runs, {@code System.out} is pointed
 * at stderr and only the protocol writer keeps the real stdout.
 */
final class ProtocolStdout {
    private ProtocolStdout() {
    }

    /** Points {@code System.out} at stderr and returns the real stdout, for the protocol alone. */
    static OutputStream claim() {
        System.out.flush();
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        return new FileOutputStream(FileDescriptor.out);
    }
}
