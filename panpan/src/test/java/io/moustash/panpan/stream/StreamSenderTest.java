package io.moustash.panpan.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.config.IniDocument;
import io.moustash.delivery.Publisher;
import io.moustash.panpan.event.EventTemplate;
import io.moustash.runtime.MoustashSettings;
import io.moustash.runtime.Wiring;
import io.moustash.testing.LogstashList;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamSenderTest {
    private static final String KEY = LogstashList.KEY;
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    private static MoustashSettings settings;
    private final EventTemplate template = new EventTemplate(null, List.of(), null, null, false, io.moustash.event.UserFields.NONE,
            Clock.systemUTC());

    @BeforeAll
    static void writeConfigurations() {
        settings = MoustashSettings.read(IniDocument.parse(
                "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + redis.port() + "\n", "test"), w -> { });
    }

    private static long rpushCalls() {
        Matcher m = Pattern.compile("cmdstat_rpush:calls=(\\d+),").matcher(redis.reader().commands().info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void eachLineLeavesAsSoonAsItArrives() throws Exception {
        PipedOutputStream producer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(producer, 64 * 1024);
        try (Publisher publisher = Wiring.publisher(settings)) {
            StreamSender sender = new StreamSender(new LineReader(stdin), template::plain, publisher);
            CompletableFuture<StreamSender.Totals> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.run();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            producer.write("first\n".getBytes(StandardCharsets.UTF_8));
            producer.flush();
            // The producer has not closed its end: the line must not wait for more input.
            List<String> first = redis.reader().await(KEY, 1, Duration.ofSeconds(5));
            assertEquals(1, first.size(), "first line delivered while stdin is still open");
            assertTrue(first.get(0).contains("\"message\":\"first\""), first.get(0));
            producer.write("second\n".getBytes(StandardCharsets.UTF_8));
            producer.close();
            StreamSender.Totals totals = run.get(10, TimeUnit.SECONDS);
            assertEquals(2, totals.read());
            assertEquals(2, totals.delivered());
        }
        assertEquals(1, redis.reader().await(KEY, 1, Duration.ofSeconds(5)).size());
    }

    @Test
    void waitingLinesAreBatched() throws Exception {
        StringBuilder input = new StringBuilder();
        int lines = 5000;
        for (int i = 0; i < lines; i++) {
            input.append("line ").append(i).append('\n');
        }
        redis.reader().commands().configResetstat();
        StreamSender.Totals totals;
        try (Publisher publisher = Wiring.publisher(settings)) {
            totals = new StreamSender(new LineReader(new ByteArrayInputStream(
                    input.toString().getBytes(StandardCharsets.UTF_8))), template::plain, publisher).run();
        }
        assertEquals(lines, totals.read());
        assertEquals(lines, totals.delivered());
        assertEquals(lines / settings.delivery().batchSize(), rpushCalls(),
                "one RPUSH per full delivery batch (delivery_batch_size), the publisher's grouping, not the tool's");
        List<String> documents = redis.reader().drain(KEY);
        assertEquals(lines, documents.size());
        assertTrue(documents.get(lines - 1).contains("\"message\":\"line " + (lines - 1) + "\""), "order kept");
    }
}
