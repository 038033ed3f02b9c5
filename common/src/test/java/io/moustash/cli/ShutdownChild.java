package io.moustash.cli;

/** A process for {@link ShutdownTest}: two parts that say when they close, then waits to be stopped. */
final class ShutdownChild {
    private ShutdownChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("exit-on-term")) {
            Shutdown.exitOnTerm("child", 0);
        }
        Shutdown shutdown = Shutdown.install("child");
        shutdown.add(() -> System.out.println("closed publisher"));
        shutdown.add(() -> {
            Thread.sleep(200); // a close that takes a moment still runs to its end
            System.out.println("closed monitor");
        });
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
