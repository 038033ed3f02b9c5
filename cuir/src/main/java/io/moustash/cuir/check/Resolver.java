package io.moustash.cuir.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Resolves host names once per interval: every probe of a name within {@code ttl} shares one
 * lookup, its answer or its failure. The JDK's lookup blocks, so it runs on {@code executor}, never
 * on the I/O thread; address literals are parsed on the spot and never looked up.
 *
 * <p>Thread-safe.
 */
public final class Resolver {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final long ttlNanos;
    private final Executor executor;
    private final LongSupplier clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    Resolver(Duration ttl, Executor executor, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.executor = executor;
        this.clock = clock;
    }

    /** The first address of {@code host}; fails with {@link UnknownHostException} when it does not resolve. */
    public CompletableFuture<InetAddress> resolve(String host) {
        if (isLiteral(host)) {
            try {
                return CompletableFuture.completedFuture(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        long now = clock.getAsLong();
        Entry entry = cache.compute(host, (name, old) -> old != null && now - old.resolvedAt < ttlNanos
                ? old : new Entry(lookup(name), now));
        return entry.address;
    }

    private CompletableFuture<InetAddress> lookup(String host) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }

    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    private record Entry(CompletableFuture<InetAddress> address, long resolvedAt) {
    }
}
