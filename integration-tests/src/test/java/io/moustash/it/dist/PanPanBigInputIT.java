package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big and hostile input through the real {@code bin/panpan}, with the heap its launcher gives it
 * (-Xmx64m): a message at the documented limits, whatever its characters, is delivered whole or
 * refused with exit 64 and one line on stderr, never an OutOfMemoryError (docs/panpan.md, "Messages
 * from stdin").
 */
class PanPanBigInputIT {
    private static final String KEY = "it:panpan:big";
    private static final int MIB = 1024 * 1024;
    /** docs/panpan.md: a message or a line of stdin up to 4 MiB. */
    private static final int MAX_MESSAGE = 4 * MIB;
    private static LogstashRedisReader logstash;
    private static Path config;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void connect() throws Exception {
        assertTrue(Files.readString(Distribution.home().resolve("bin/panpan")).contains("-Xmx64m"),
                "the heap these tests are about");
        logstash = new LogstashRedisReader(Services.redisUrl());
        config = Files.writeString(scratch.resolve("moustash.ini"), "[moustash]\ntransport = redis\nredis_ip = 127.0.0.1\n"
                + "redis_port = " + Services.redisPort() + "\nredis_namespace = " + KEY + "\nspool_dir = "
                + scratch.resolve("spool") + "\n");
    }

    @AfterAll
    static void disconnect() {
        logstash.close();
    }

    @AfterEach
    void emptyTheList() {
        logstash.commands().del(KEY);
    }

    @Test
    void twelveMegabytesOfQuotesFromStdinAreRefusedInOneLine() throws Exception {
        byte[] quotes = "\"".repeat(12_000_000).getBytes(StandardCharsets.US_ASCII);
        String refusal = "panpan: the message on stdin is larger than 4 MiB; use --stdin to send one event per line";
        assertRefused(panpan(quotes, "--dry-run", "-"), refusal);
        assertRefused(panpan(quotes, "-"), refusal);
        assertEquals(0, logstash.commands().llen(KEY));
    }

    @Test
    void aMessageAtTheLimitIsDeliveredWholeOrRefusedWhateverItsCharacters() throws Exception {
        String plain = "a".repeat(MAX_MESSAGE);
        Distribution.Result run = panpan(plain.getBytes(StandardCharsets.US_ASCII), "-");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(plain, message(received(1).get(0)));

        // One character beyond Latin-1 makes Java hold the text in two bytes a character.
        String wide = "\u65e5" + "b".repeat(MAX_MESSAGE - 3);
        run = panpan(wide.getBytes(StandardCharsets.UTF_8), "-");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(wide, message(received(1).get(0)));

        for (String hostile : List.of("\"", "\u0001", "\\")) {
            run = panpan(hostile.repeat(MAX_MESSAGE).getBytes(StandardCharsets.US_ASCII), "-");
            assertRefused(run, "panpan: the event's JSON document would be larger than 8 MiB"
                    + " (once escaped, a quote or backslash takes 2 bytes, a control character 6)");
        }
        assertEquals(0, logstash.commands().llen(KEY));
    }

    @Test
    void aLineOfControlCharactersIsRefusedAndTheStreamGoesOn() throws Exception {
        String wide = "\u65e5" + "c".repeat(MAX_MESSAGE - 3);
        String input = "first\n" + "\u0001".repeat(3_000_000) + "\n" + wide + "\n" + "\"".repeat(MAX_MESSAGE) + "\nlast\n";
        Distribution.Result run = panpan(input.getBytes(StandardCharsets.UTF_8), "--stdin");
        assertEquals(64, run.exit(), run.toString());
        assertEquals("panpan: line 2 refused: the event's JSON document would be larger than 8 MiB\n"
                + "panpan: line 4 refused: the event's JSON document would be larger than 8 MiB\n", run.err());
        List<String> documents = received(3);
        assertEquals("first", message(documents.get(0)));
        assertEquals(wide, message(documents.get(1)));
        assertEquals("last", message(documents.get(2)));
    }

    /** Lines just short of going alone, six bytes each once escaped: what waits for Redis stays bounded. */
    @Test
    void aStreamOfBigEscapedLinesIsDeliveredWhole() throws Exception {
        String controls = "\u0001".repeat(1_000_000);
        Distribution.Result run = panpan((controls + "\n").repeat(30).getBytes(StandardCharsets.US_ASCII), "--stdin");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.err());
        for (String document : received(30)) {
            assertEquals(controls, message(document));
        }
    }

    /** Three characters a map: parsed, a 4 MiB line of them would be hundreds of megabytes. */
    @Test
    void aJsonLineOfMillionsOfValuesIsSentAsText() throws Exception {
        String line = "{\"a\":[" + "{},".repeat(1_300_000) + "{}]}";
        Distribution.Result run = panpan((line + "\n").getBytes(StandardCharsets.US_ASCII), "--stdin", "--json");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("panpan: 1 of 1 lines were not JSON objects; sent as plain text tagged _jsonparsefailure\n", run.err());
        assertEquals(line, message(received(1).get(0)));
    }

    private static void assertRefused(Distribution.Result run, String line) {
        assertEquals(64, run.exit(), run.toString());
        assertEquals(line + "\n", run.err());
        assertFalse(run.err().contains("OutOfMemoryError"), run.toString());
        assertEquals("", run.out());
    }

    private static String message(String document) {
        return LogstashDocuments.assertValid(document, "ecs").path("message").textValue();
    }

    private static List<String> received(int count) throws InterruptedException {
        List<String> documents = logstash.await(KEY, count, Duration.ofSeconds(20));
        assertEquals(count, documents.size());
        assertTrue(logstash.commands().llen(KEY) == 0, "no more than " + count);
        return documents;
    }

    /** {@code bin/panpan -c CONFIG arguments} with {@code stdin}, its launcher's own JVM options. */
    private static Distribution.Result panpan(byte[] stdin, String... arguments) throws Exception {
        Path input = Files.write(Files.createTempFile(scratch, "stdin", ".txt"), stdin);
        List<String> command = new ArrayList<>(List.of(Distribution.home().resolve("bin/panpan").toString(),
                "-c", config.toString()));
        command.addAll(List.of(arguments));
        try {
            return Distribution.run(command, Map.of("MOUSTASH_CDS", "0"), scratch, input);
        } finally {
            Files.delete(input);
        }
    }
}
