package io.moustash.cuir.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResolverTest {
    private final AtomicInteger lookups = new AtomicInteger();
    private final Executor counting = task -> {
        lookups.incrementAndGet();
        task.run();
    };
    private final AtomicLong clock = new AtomicLong();
    private final Resolver resolver = new Resolver(Duration.ofSeconds(5), counting, clock::get);

    @Test
    void aNameIsLookedUpOncePerInterval() {
        var first = resolver.resolve("localhost");
        assertTrue(first.join().isLoopbackAddress());
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        assertSame(first, resolver.resolve("localhost"));
        assertEquals(1, lookups.get());
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        resolver.resolve("localhost").join();
        assertEquals(2, lookups.get());
    }

    @Test
    void aFailureIsRememberedForTheIntervalToo() {
        for (int i = 0; i < 3; i++) {
            CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> resolver.resolve("no-such-host.invalid").join());
            assertTrue(e.getCause() instanceof UnknownHostException);
        }
        assertEquals(1, lookups.get());
    }

    @Test
    void literalsAreNeverLookedUp() {
        assertEquals("127.0.0.1", resolver.resolve("127.0.0.1").join().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", resolver.resolve("::1").join().getHostAddress());
        assertEquals(0, lookups.get());
    }
}
