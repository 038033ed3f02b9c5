package io.moustash.cuir.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {

    @Test
    void neverMoreThanTheLimitRunAndTheRestStartInOrderAsOthersEnd() {
        InFlightLimit limit = new InFlightLimit(2);
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(limit.submit(() -> {
                CompletableFuture<Integer> f = new CompletableFuture<>();
                started.add(f);
                return f;
            }));
        }
        assertEquals(2, started.size());
        assertEquals(2, limit.running());
        assertEquals(3, limit.waiting());
        started.get(0).complete(0);
        assertEquals(3, started.size());
        assertEquals(0, results.get(0).join());
        started.get(1).complete(1);
        started.get(2).complete(2);
        assertEquals(5, started.size());
        started.get(3).complete(3);
        started.get(4).complete(4);
        assertEquals(0, limit.running());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, results.get(i).join());
        }
    }

    @Test
    void tasksThatCompleteAtOnceDoNotRecurseDeeply() {
        InFlightLimit limit = new InFlightLimit(1);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        CompletableFuture<Integer> gate = new CompletableFuture<>();
        results.add(limit.submit(() -> gate));
        for (int i = 1; i <= 100_000; i++) {
            int n = i;
            results.add(limit.submit(() -> CompletableFuture.completedFuture(n)));
        }
        gate.complete(0);
        assertEquals(100_000, results.get(100_000).join());
        assertEquals(0, limit.running());
    }
}
