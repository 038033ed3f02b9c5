package io.moustash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order, once-only closing and waiting of {@link Shutdown}, and SIGTERM in a real JVM. */
class ShutdownTest {
    @TempDir
    Path dir;
    private final List<String> closed = new CopyOnWriteArrayList<>();

    private AutoCloseable part(String name) {
        return () -> closed.add(name);
    }

    @Test
    void partsCloseLastAddedFirstAndOnlyOnce() {
        Shutdown shutdown = Shutdown.install("test");
        shutdown.add(part("publisher"));
        shutdown.add(part("monitor"));
        shutdown.close();
        shutdown.close();
        assertEquals(List.of("monitor", "publisher"), closed);
    }

    @Test
    void aPartThatFailsDoesNotKeepTheOthersOpen() {
        Shutdown shutdown = Shutdown.install("test");
        shutdown.add(part("publisher"));
        shutdown.add(() -> {
            throw new IllegalStateException("broken");
        });
        shutdown.close();
        assertEquals(List.of("publisher"), closed);
    }

    @Test
    void aPartAddedOnceClosingHasBegunIsClosedAtOnce() {
        Shutdown shutdown = Shutdown.install("test");
        shutdown.close();
        shutdown.add(part("late"));
        assertEquals(List.of("late"), closed);
    }

    @Test
    void aSecondCloseReturnsOnlyOnceTheFirstHasClosedEverything() throws Exception {
        Shutdown shutdown = Shutdown.install("test");
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        shutdown.add(part("publisher"));
        shutdown.add(() -> {
            closing.countDown();
            release.await();
            closed.add("monitor");
        });
        Thread first = new Thread(shutdown::close);
        first.start();
        assertTrue(closing.await(5, TimeUnit.SECONDS));
        Thread second = new Thread(shutdown::close);
        second.start();
        second.join(300);
        assertTrue(second.isAlive(), "the second close waits while the first is closing");
        release.countDown();
        second.join(5000);
        assertFalse(second.isAlive());
        assertEquals(List.of("monitor", "publisher"), closed, "everything closed when the second close returns");
        first.join(5000);
    }

    @Test
    void anInterruptedCallerStillGivesEachPartItsWholeCloseAndKeepsTheFlag() {
        Shutdown shutdown = Shutdown.install("test");
        List<Boolean> interruptedWhileClosing = new ArrayList<>();
        shutdown.add(() -> interruptedWhileClosing.add(Thread.currentThread().isInterrupted()));
        Thread.currentThread().interrupt();
        shutdown.close();
        assertTrue(Thread.interrupted(), "the flag is given back");
        assertEquals(List.of(false), interruptedWhileClosing);
    }

    /** Runs {@link ShutdownChild} in its own JVM, stops it with SIGTERM and returns what it printed after "ready". */
    private List<String> sigterm(String mode, int expectedStatus) throws Exception {
        // A file, not a pipe: the JDK closes a dead child's pipe under a reader still reading it.
        Path out = dir.resolve(mode + ".out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShutdownChild.class.getName(), mode)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(out).startsWith("ready\n") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroy(); // SIGTERM, as supervisord stops a program
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child stops on SIGTERM");
            assertEquals(expectedStatus, child.exitValue());
            List<String> lines = Files.readAllLines(out);
            assertEquals("ready", lines.get(0));
            return lines.subList(1, lines.size());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void sigtermBecomesACleanExitThatClosesThePartsInOrder() throws Exception {
        assertEquals(List.of("closed monitor", "closed publisher"), sigterm("exit-on-term", 0));
    }

    @Test
    void withoutExitOnTermSigtermStillClosesThePartsButExits143() throws Exception {
        assertEquals(List.of("closed monitor", "closed publisher"), sigterm("default", 143));
    }
}
