package io.moustash.delivery;

import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A transport that does what a test tells it, send by send: take the documents, fail, or hang until
 * closed (as a broker that accepts and never answers, with the close that ends a stuck send). What
 * it took is kept, in order, as text. Used where a real broker cannot be made to fail on cue.
 */
final class ScriptedTransport implements Transport {
    enum Outcome { TAKE, FAIL, HANG }

    private final Deque<Outcome> script = new ArrayDeque<>();
    private Outcome afterwards = Outcome.TAKE;
    private final List<String> taken = new ArrayList<>();
    private final List<String> attempted = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch hanging = new CountDownLatch(1);
    private int sends;

    /** The next sends do {@code outcomes}, in order, then {@code then} for ever. */
    synchronized ScriptedTransport script(Outcome then, Outcome... outcomes) {
        script.addAll(List.of(outcomes));
        afterwards = then;
        return this;
    }

    @Override
    public void send(List<byte[]> documents) {
        Outcome outcome;
        synchronized (this) {
            sends++;
            outcome = script.isEmpty() ? afterwards : script.poll();
            for (byte[] d : documents) {
                attempted.add(new String(d, StandardCharsets.UTF_8));
            }
        }
        switch (outcome) {
            case TAKE -> {
                synchronized (this) {
                    for (byte[] d : documents) {
                        taken.add(new String(d, StandardCharsets.UTF_8));
                    }
                }
            }
            case FAIL -> throw new TransportException(describe() + ": connection refused (scripted)");
            case HANG -> {
                hanging.countDown();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new TransportException(describe() + ": transport is closed");
            }
        }
    }

    /** Waits until a send hangs; false if none did within {@code timeout}. */
    boolean awaitHanging(Duration timeout) throws InterruptedException {
        return hanging.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized List<String> taken() {
        return List.copyOf(taken);
    }

    /** Every document any send was given, taken or not, in order. */
    synchronized List<String> attempted() {
        return List.copyOf(attempted);
    }

    synchronized int sends() {
        return sends;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public String destination() {
        return "scripted";
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
