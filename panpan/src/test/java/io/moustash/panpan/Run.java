package io.moustash.panpan;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** One run of the command as a test drives it: what it got on stdin, what it said, how it ended. */
record Run(int exit, String out, String err) {
    static final Clock FIXED = Clock.fixed(Instant.parse("2024-05-25T17:01:33.062Z"), ZoneOffset.UTC);

    static Run of(String... args) {
        return with(new ByteArrayInputStream(new byte[0]), Clock.systemUTC(), args);
    }

    static Run withStdin(byte[] stdin, String... args) {
        return with(new ByteArrayInputStream(stdin), Clock.systemUTC(), args);
    }

    static Run with(InputStream stdin, Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PanPan.execute(new PanPan(stdin, clock), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
}
