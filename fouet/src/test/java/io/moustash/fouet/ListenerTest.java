package io.moustash.fouet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.IniDocument;
import io.moustash.delivery.Delivery;
import io.moustash.delivery.Publisher;
import io.moustash.event.Event;
import io.moustash.fouet.config.FouetSettings;
import io.moustash.fouet.events.EventMapper;
import io.moustash.fouet.protocol.Frames;
import io.moustash.fouet.protocol.ListenerProtocol;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashList;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The loop against a real Redis, and against publishers that spool, refuse or never answer. */
class ListenerTest {
    static final String OK = "RESULT 2\nOKREADY\n";
    static final String FAIL = "RESULT 4\nFAILREADY\n";
    @RegisterExtension
    static final LogstashList redis = new LogstashList();

    static MoustashSettings settings(int port, String key) {
        return MoustashSettings.read(IniDocument.parse("[moustash]\nredis_host = 127.0.0.1\nredis_port = " + port
                + "\nredis_namespace = " + key + "\nredis_timeout = 2\n", "test.ini"), w -> { });
    }

    private static String run(byte[] input, Publisher publisher, Duration publishTimeout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventMapper mapper = new EventMapper(FouetSettings.defaults(), Clock.systemUTC(), w -> { });
        new Listener(new ListenerProtocol(new ByteArrayInputStream(input), out), mapper, publisher, publishTimeout)
                .run();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachEventIsAnsweredOkOnceInRedisInOrder() throws Exception {
        Frames frames = Frames.start();
        for (int i = 0; i < 20; i++) {
            frames.event("PROCESS_STATE_RUNNING", Frames.state("prog-" + i + "-é", "g", "STARTING", "pid:" + i));
        }
        String out;
        try (Publisher publisher = Wiring.publisher(settings(redis.port(), "fouet:order"))) {
            out = run(frames.bytes(), publisher, Duration.ofSeconds(10));
        }
        assertEquals("READY\n" + OK.repeat(20), out);
        try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
            List<String> docs = logstash.drain("fouet:order");
            assertEquals(20, docs.size());
            for (int i = 0; i < 20; i++) {
                assertEquals("prog-" + i + "-é",
                        LogstashDocuments.assertValid(docs.get(i), "ecs").path("process").path("name").asText());
            }
        }
    }

    @Test
    void garbageIsAnsweredAndTheListenerGoesOn() throws Exception {
        byte[] input = Frames.start().raw("this is not a header\n")
                .event("PROCESS_STATE_RUNNING", Frames.state("a", "a", "STARTING", "pid:1"))
                .raw("len:3\nabc")
                .event("PROCESS_STATE_UNHEARD_OF", "what:ever").bytes();
        String out;
        try (Publisher publisher = Wiring.publisher(settings(redis.port(), "fouet:garbage"))) {
            out = run(input, publisher, Duration.ofSeconds(10));
        }
        assertEquals("READY\n" + OK.repeat(4), out);
        try (LogstashRedisReader logstash = new LogstashRedisReader(redis.url())) {
            assertEquals(2, logstash.drain("fouet:garbage").size(), "the two well-framed events are published");
        }
    }

    @Test
    void filteredEventsAreAnsweredWithoutPublishing() throws Exception {
        byte[] input = Frames.start().event("TICK_5", "when:1")
                .event("PROCESS_LOG_STDERR", "processname:a groupname:a pid:1 channel:stderr\nboom\n").bytes();
        List<Event> published = new ArrayList<>();
        String out = run(input, scripted(e -> {
            published.add(e);
            return CompletableFuture.completedFuture(Delivery.DELIVERED);
        }), Duration.ofSeconds(1));
        assertEquals("READY\n" + OK.repeat(2), out);
        assertEquals(1, published.size(), "the heartbeat only; the log chunk is kept as context");
    }

    @Test
    void aSpooledEventIsSafeAndAnsweredOk() throws Exception {
        byte[] input = Frames.start().event("PROCESS_STATE_FATAL", Frames.state("a", "a", "BACKOFF", "")).bytes();
        String out = run(input, scripted(e -> CompletableFuture.completedFuture(Delivery.SPOOLED)), Duration.ofSeconds(1));
        assertEquals("READY\n" + OK, out);
    }

    @Test
    void anEventKeptNowhereIsAnsweredFail() throws Exception {
        byte[] input = Frames.start().event("PROCESS_STATE_FATAL", Frames.state("a", "a", "BACKOFF", ""))
                .event("PROCESS_STATE_FATAL", Frames.state("a", "a", "BACKOFF", "")).bytes();
        String out = run(input, scripted(e -> CompletableFuture.failedFuture(
                new TransportException("redis 127.0.0.1:1: connection refused"))), Duration.ofSeconds(1));
        assertEquals("READY\n" + FAIL + FAIL, out);
    }

    @Test
    void aPublisherThatNeverAnswersIsAFailAfterTheTimeout() throws Exception {
        byte[] input = Frames.start().event("PROCESS_STATE_FATAL", Frames.state("a", "a", "BACKOFF", "")).bytes();
        String out = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> run(input, scripted(e -> new CompletableFuture<>()), Duration.ofMillis(200)));
        assertEquals("READY\n" + FAIL, out);
    }

    /**
     * A publisher whose outcome the test chooses. The Redis-backed one covers DELIVERED; SPOOLED and
     * "kept nowhere" depend on the delivery layer's spool, which these tests must not depend on.
     */
    static Publisher scripted(Function<Event, CompletableFuture<Delivery>> outcome) {
        return new Publisher() {
            @Override
            public CompletableFuture<Delivery> publish(Event event) {
                return outcome.apply(event);
            }

            @Override
            public java.time.Duration longestWait() {
                return java.time.Duration.ZERO;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void fuzzedInputNeverStopsTheListenerNorReachesStdout() throws Exception {
        java.util.Random random = new java.util.Random(20250314);
        byte[] valid = Frames.start()
                .event("PROCESS_STATE_RUNNING", Frames.state("café", "g", "STARTING", "pid:1"))
                .event("PROCESS_LOG_STDERR", "processname:café groupname:g pid:1 channel:stderr\nerr ☃\n")
                .event("PROCESS_STATE_EXITED", Frames.state("café", "g", "RUNNING", "expected:0 pid:1"))
                .event("SUPERVISOR_STATE_CHANGE_RUNNING", "").bytes();
        try (Publisher publisher = Wiring.publisher(settings(redis.port(), "fouet:fuzz"))) {
            for (int round = 0; round < 300; round++) {
                byte[] input;
                if (round % 2 == 0) {
                    input = new byte[random.nextInt(600)];
                    random.nextBytes(input);
                    if (round % 4 == 0) { // with newlines, so that there are many short "headers"
                        for (int i = 0; i < input.length; i += 1 + random.nextInt(40)) {
                            input[i] = '\n';
                        }
                    }
                } else {
                    input = valid.clone();
                    for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                        input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                    }
                }
                byte[] fuzz = input;
                String out = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> run(fuzz, publisher, Duration.ofSeconds(5)));
                assertTrue(out.matches("READY\n(RESULT 2\nOKREADY\n)*"), "round " + round + ": " + out);
            }
        }
    }
}
