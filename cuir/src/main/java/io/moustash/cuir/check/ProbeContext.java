package io.moustash.cuir.check;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the probers of one engine share: the name resolver and its lookup threads, and the Netty
 * event loops (the Netty Lettuce already brings), made when the first prober asks for them so that
 * a Cuir running only commands starts no I/O threads. Thread-safe; the engine closes it.
 */
public final class ProbeContext implements AutoCloseable {
    private final ExecutorService lookups;
    private final Resolver resolver;
    private EventLoopGroup eventLoops;
    private boolean closed;

    /** @param dnsTtl how long a name's resolution is reused: one interval */
    public ProbeContext(Duration dnsTtl) {
        AtomicInteger n = new AtomicInteger();
        lookups = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "cuir-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        resolver = new Resolver(dnsTtl, lookups, System::nanoTime);
    }

    public Resolver resolver() {
        return resolver;
    }

    /**
     * One event loop per core, at most two: connect system calls are most of the work, and ten
     * thousand non-blocking connects need no more.
     */
    public synchronized EventLoopGroup eventLoops() {
        if (closed) {
            throw new IllegalStateException("probing has stopped");
        }
        if (eventLoops == null) {
            eventLoops = new NioEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                    new DefaultThreadFactory("cuir-io", true));
        }
        return eventLoops;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        lookups.shutdownNow();
    }
}
