package io.moustash.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the demo started or created, closed in reverse order exactly once: by the demo when it ends,
 * or by its shutdown hook when it is interrupted (Ctrl-C, SIGTERM), so that no tool, no
 * redis-server and no temporary file outlives it. Thread-safe.
 */
final class Cleanup implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code resource} to be closed before everything registered earlier; returns it. */
    synchronized <T extends AutoCloseable> T add(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new DemoFailure("the demo is stopping");
        }
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!resources.isEmpty()) {
            closeQuietly(resources.pop());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("demo: while cleaning up: " + e);
        }
    }
}
