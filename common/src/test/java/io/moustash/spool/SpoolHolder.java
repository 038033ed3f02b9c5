package io.moustash.spool;

import java.nio.file.Path;

/** A child process for {@link SpoolAcrossProcessesTest}: spools three events, says so, then waits to be killed. */
public final class SpoolHolder {
    private SpoolHolder() {
    }

    public static void main(String[] args) throws Exception {
        Spool spool = Spool.open(Path.of(args[0]), SpoolTest.DESTINATION, 1L << 30, System.err::println);
        spool.append(SpoolTest.docs(0, 3));
        System.out.println("held");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
