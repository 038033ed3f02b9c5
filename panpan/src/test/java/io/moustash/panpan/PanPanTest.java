package io.moustash.panpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashList;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.RedisFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end: arguments in, documents read back from a real Redis as logstash reads them. */
class PanPanTest {
    static final String KEY = LogstashList.KEY;
    @RegisterExtension
    static final LogstashList redis = new LogstashList();
    private static Path config;
    private static Path legacyConfig;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeConfigurations() throws IOException {
        config = write("panpan.ini", "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + redis.port() + "\n");
        legacyConfig = write("legacy.ini", "[Moustash]\ntransport: redis\nredis_ip: 127.0.0.1\nredis_port: "
                + redis.port() + "\nevent_format: legacy\n");
    }

    static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<String> received(int count) throws InterruptedException {
        List<String> documents = redis.reader().await(KEY, count, Duration.ofSeconds(5));
        assertEquals(count, documents.size(), "documents in Redis: " + documents);
        return documents;
    }

    private static JsonNode sendOne(String... args) throws InterruptedException {
        Run run = Run.of(prepend("-c", config.toString(), args));
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals("", run.err(), "nothing on stderr when delivered");
        return LogstashDocuments.assertValid(received(1).get(0), "ecs");
    }

    static String[] prepend(String a, String b, String... rest) {
        String[] all = new String[rest.length + 2];
        all[0] = a;
        all[1] = b;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    @Test
    void sendsOneMessageSilently() throws Exception {
        JsonNode doc = sendOne("deploy done");
        assertEquals("deploy done", doc.path("message").textValue());
        assertEquals("panpan", doc.path("type").textValue());
        assertEquals("[\"panpan\"]", doc.path("tags").toString());
        assertEquals("moustash.panpan", doc.path("event").path("dataset").textValue());
        assertEquals("event", doc.path("event").path("kind").textValue());
    }

    @Test
    void everyEventOption() throws Exception {
        JsonNode doc = sendOne("-t", "deploy", "-T", "web", "--tag", "prod", "-p", "nginx", "-s", "10.0.0.1:80",
                "-f", "port=8080", "-f", "ratio=0.25", "-f", "ok=true", "-f", "zip=01234", "-f", "http.status=500",
                "--field", "who=ops team", "-n", "--hostname", "web1", "config reloaded");
        assertEquals("deploy", doc.path("type").textValue());
        assertEquals("[\"panpan\",\"web\",\"prod\",\"notification\"]", doc.path("tags").toString());
        assertEquals("nginx", doc.path("moustash").path("program").textValue());
        assertEquals("10.0.0.1:80", doc.path("moustash").path("source").textValue());
        assertTrue(doc.path("port").isIntegralNumber(), doc.toString());
        assertEquals(8080, doc.path("port").intValue());
        assertTrue(doc.path("ratio").isNumber(), doc.toString());
        assertEquals(0.25, doc.path("ratio").doubleValue());
        assertTrue(doc.path("ok").isBoolean(), doc.toString());
        assertEquals("01234", doc.path("zip").textValue());
        assertEquals(500, doc.path("http").path("status").intValue());
        assertEquals("ops team", doc.path("who").textValue());
        assertEquals("alert", doc.path("event").path("kind").textValue());
        assertEquals("web1", doc.path("host").path("name").textValue());
    }

    @Test
    void legacyFormatFromTheCommandLine() throws Exception {
        Run run = Run.of("-c", config.toString(), "--format", "legacy", "-p", "cron", "-s", "backup", "nightly ok");
        assertEquals(0, run.exit(), run.toString());
        JsonNode doc = LogstashDocuments.assertValid(received(1).get(0), "legacy");
        assertEquals("cron", doc.path("program").textValue());
        assertEquals("backup", doc.path("source").textValue());
    }

    @Test
    void theOriginalPositionalFormKeepsWorking() throws Exception {
        Run run = Run.of("-c", legacyConfig.toString(), "disk full", "df", "db1", "True");
        assertEquals(0, run.exit(), run.toString());
        Run quiet = Run.of("-c", legacyConfig.toString(), "disk ok", "df", "db1", "False");
        assertEquals(0, quiet.exit(), quiet.toString());
        List<String> documents = received(2);
        JsonNode alert = LogstashDocuments.assertValid(documents.get(0), "legacy");
        assertEquals("disk full", alert.path("message").textValue());
        assertEquals("panpan", alert.path("type").textValue());
        assertEquals("df", alert.path("program").textValue());
        assertEquals("db1", alert.path("source").textValue());
        assertEquals("[\"panpan\",\"notification\"]", alert.path("tags").toString());
        JsonNode plain = LogstashDocuments.assertValid(documents.get(1), "legacy");
        assertEquals("[\"panpan\"]", plain.path("tags").toString());
    }

    @Test
    void theOriginalFormRejectsAnythingButTrueOrFalse() {
        Run run = Run.of("-c", config.toString(), "msg", "prog", "src", "maybe");
        assertEquals(64, run.exit(), run.toString());
        assertTrue(run.err().contains("must be True or False, not 'maybe'"), run.err());
        assertEquals(64, Run.of("-c", config.toString(), "msg", "prog", "src", "True", "-n").exit());
    }

    @Test
    void messageFromStdinWithoutItsLineEnd() throws Exception {
        Run run = Run.withStdin("backup finished\nin 3 minutes\n".getBytes(StandardCharsets.UTF_8),
                "-c", config.toString(), "-");
        assertEquals(0, run.exit(), run.toString());
        JsonNode doc = LogstashDocuments.assertValid(received(1).get(0), "ecs");
        assertEquals("backup finished\nin 3 minutes", doc.path("message").textValue());
    }

    @Test
    void stdinSendsOneEventPerLineAndSkipsEmptyLines() throws Exception {
        Run run = Run.withStdin("first\n\nsecond\r\nthird".getBytes(StandardCharsets.UTF_8),
                "-c", config.toString(), "--stdin", "-T", "app");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.out() + run.err());
        List<String> documents = received(3);
        assertEquals(List.of("first", "second", "third"), documents.stream()
                .map(d -> LogstashDocuments.assertValid(d, "ecs").path("message").textValue()).toList());
        assertTrue(documents.get(0).contains("\"tags\":[\"panpan\",\"app\"]"), documents.get(0));
    }

    @Test
    void stdinRefusesAMessageArgument() {
        Run run = Run.of("-c", config.toString(), "--stdin", "hello");
        assertEquals(64, run.exit(), run.toString());
        assertTrue(run.err().startsWith("panpan: --stdin reads the messages from stdin; give no MESSAGE"), run.err());
    }

    @Test
    void jsonMessageIsMergedIntoTheEvent() throws Exception {
        JsonNode doc = sendOne("--json", "-f", "env=prod",
                "{\"message\":\"deployed\",\"version\":3,\"canary\":false,\"event\":{\"action\":\"deploy\"},"
                        + "\"tags\":[\"ci\"],\"@timestamp\":\"2024-01-02T03:04:05.678Z\",\"host\":\"build-7\"}");
        assertEquals("deployed", doc.path("message").textValue());
        assertEquals(3, doc.path("version").intValue());
        assertTrue(doc.path("canary").isBoolean());
        assertEquals("deploy", doc.path("event").path("action").textValue());
        assertEquals("moustash", doc.path("event").path("module").textValue(), "ECS objects are merged, not replaced");
        assertEquals("build-7", doc.path("host").path("name").textValue());
        assertEquals("[\"panpan\",\"ci\"]", doc.path("tags").toString());
        assertEquals("2024-01-02T03:04:05.678Z", doc.path("@timestamp").textValue());
        assertEquals("prod", doc.path("env").textValue());
    }

    @Test
    void invalidJsonIsSentAsPlainTextWithATag() throws Exception {
        Run run = Run.of("-c", config.toString(), "--json", "{not json");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("panpan: MESSAGE is not a JSON object; sent as plain text tagged _jsonparsefailure\n", run.err());
        JsonNode doc = LogstashDocuments.assertValid(received(1).get(0), "ecs");
        assertEquals("{not json", doc.path("message").textValue());
        assertEquals("[\"panpan\",\"_jsonparsefailure\"]", doc.path("tags").toString());
    }

    @Test
    void aUsersOwnTagNamedLikeTheFailureTagIsNoFailure() throws Exception {
        Run run = Run.of("-c", config.toString(), "-T", "_jsonparsefailure", "--json", "{\"message\":\"fine\"}");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.err());
        Run stream = Run.withStdin("{\"message\":\"a\",\"tags\":[\"_jsonparsefailure\"]}\n".getBytes(StandardCharsets.UTF_8),
                "-c", config.toString(), "--stdin", "--json");
        assertEquals(0, stream.exit(), stream.toString());
        assertEquals("", stream.err());
        assertEquals(2, received(2).size());
    }

    @Test
    void jsonLinesGoodAndBadAreAllSent() throws Exception {
        String lines = "{\"message\":\"one\",\"level\":\"info\"}\n"
                + "two is text\n"
                + "[\"an array\"]\n"
                + "{\"message\":\"four\",\"@timestamp\":\"yesterday\"}\n";
        Run run = Run.withStdin(lines.getBytes(StandardCharsets.UTF_8), "-c", config.toString(), "--stdin", "--json");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("panpan: 2 of 4 lines were not JSON objects; sent as plain text tagged _jsonparsefailure\n", run.err());
        List<JsonNode> docs = received(4).stream().map(d -> LogstashDocuments.assertValid(d, "ecs")).toList();
        assertEquals("info", docs.get(0).path("level").textValue());
        assertEquals("two is text", docs.get(1).path("message").textValue());
        assertEquals("[\"panpan\",\"_jsonparsefailure\"]", docs.get(1).path("tags").toString());
        assertEquals("[\"an array\"]", docs.get(2).path("message").textValue());
        assertEquals("[\"panpan\",\"_timestampparsefailure\"]", docs.get(3).path("tags").toString());
        assertEquals("yesterday", docs.get(3).path("_@timestamp").textValue());
    }

    @Test
    void quietSaysNothingOnSuccess() throws Exception {
        Run run = Run.of("-c", config.toString(), "-q", "--json", "not json");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.err());
        received(1);
    }

    @Test
    void verboseSaysDelivered() throws Exception {
        Run run = Run.of("-c", config.toString(), "-v", "hello");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("panpan: delivered"), run.err());
        received(1);
    }

    @Test
    void aOneMegabyteMessage() throws Exception {
        String big = "x".repeat(1024 * 1024 - 3) + "end";
        JsonNode doc = sendOne(big);
        assertEquals(big, doc.path("message").textValue());
    }

    @Test
    void aOneMegabyteLineOnStdin() throws Exception {
        String big = "é".repeat(512 * 1024);
        Run run = Run.withStdin((big + "\nsmall\n").getBytes(StandardCharsets.UTF_8),
                "-c", config.toString(), "--stdin");
        assertEquals(0, run.exit(), run.toString());
        List<String> documents = received(2);
        assertEquals(big, LogstashDocuments.assertValid(documents.get(0), "ecs").path("message").textValue());
        assertEquals("small", LogstashDocuments.assertValid(documents.get(1), "ecs").path("message").textValue());
    }

    @Test
    void aMessageOverTheLimitOnStdinIsRefusedInOneLine() throws Exception {
        byte[] over = "x".repeat(4 * 1024 * 1024 + 1).getBytes(StandardCharsets.US_ASCII);
        Run run = Run.withStdin(over, "-c", config.toString(), "-");
        assertEquals(64, run.exit(), run.toString());
        assertEquals("panpan: the message on stdin is larger than 4 MiB; use --stdin to send one event per line\n",
                run.err());
        Run beyondItsLineEnds = Run.withStdin(("x".repeat(4 * 1024 * 1024) + "\n\n\nx").getBytes(StandardCharsets.US_ASCII),
                "-c", config.toString(), "-");
        assertEquals(64, beyondItsLineEnds.exit(), beyondItsLineEnds.toString());
        String limit = "x".repeat(4 * 1024 * 1024);
        Run at = Run.withStdin((limit + "\r\n").getBytes(StandardCharsets.US_ASCII), "-c", config.toString(), "-");
        assertEquals(0, at.exit(), at.toString());
        assertEquals(limit, LogstashDocuments.assertValid(received(1).get(0), "ecs").path("message").textValue());
    }

    /** Each of these characters takes 2 or 6 bytes once escaped: a 4 MiB message of them passes 8 MiB of JSON. */
    @Test
    void aMessageWhoseDocumentWouldPassTheLimitIsRefusedInOneLine() throws Exception {
        for (String hostile : List.of("\"", "\\", "\u0001")) {
            for (String mode : List.of("-q", "--dry-run", "--transport=stdout")) {
                Run run = Run.withStdin(hostile.repeat(4 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII),
                        "-c", config.toString(), mode, "-");
                assertEquals(64, run.exit(), run.toString());
                assertEquals("panpan: the event's JSON document would be larger than 8 MiB"
                        + " (once escaped, a quote or backslash takes 2 bytes, a control character 6)\n", run.err());
                assertEquals("", run.out());
            }
        }
        assertEquals(0, redis.reader().commands().llen(KEY), "nothing sent");
    }

    @Test
    void stdinRefusesALineWhoseDocumentWouldPassTheLimitAndGoesOn() throws Exception {
        String input = "first\n" + "\u0001".repeat(3_000_000) + "\nlast\n";
        Run run = Run.withStdin(input.getBytes(StandardCharsets.UTF_8), "-c", config.toString(), "-q", "--stdin");
        assertEquals(64, run.exit(), run.toString());
        assertEquals("panpan: line 2 refused: the event's JSON document would be larger than 8 MiB\n", run.err());
        List<String> documents = received(2);
        assertEquals("first", LogstashDocuments.assertValid(documents.get(0), "ecs").path("message").textValue());
        assertEquals("last", LogstashDocuments.assertValid(documents.get(1), "ecs").path("message").textValue());
    }

    /** The stdout transport's publisher says the refusal through the event's future rather than by throwing. */
    @Test
    void stdinRefusesTheSameLineWithTheStdoutTransport() {
        String input = "first\n" + "\u0001".repeat(3_000_000) + "\nlast\n";
        Run run = Run.withStdin(input.getBytes(StandardCharsets.UTF_8), "-c", config.toString(), "--transport=stdout", "--stdin");
        assertEquals(64, run.exit(), run.toString());
        assertEquals("panpan: line 2 refused: the event's JSON document would be larger than 8 MiB\n", run.err());
    }

    @Test
    void bytesThatAreNotUtf8AreReplaced() throws Exception {
        byte[] stdin = {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xFF, ' ', 'o', 'k', '\n'};
        Run one = Run.withStdin(stdin, "-c", config.toString(), "-");
        assertEquals(0, one.exit(), one.toString());
        Run lines = Run.withStdin(stdin, "-c", config.toString(), "--stdin");
        assertEquals(0, lines.exit(), lines.toString());
        for (String document : received(2)) {
            assertEquals("caf\uFFFD \uFFFD ok", LogstashDocuments.assertValid(document, "ecs").path("message").textValue());
        }
    }

    @Test
    void unpairedSurrogatesInAnArgumentAreReplaced() throws Exception {
        JsonNode doc = sendOne("broken \uD800 char");
        assertEquals("broken \uFFFD char", doc.path("message").textValue());
    }

    @Test
    void dryRunPrintsTheDocumentAndSendsNothing() {
        Run run = Run.of("-c", config.toString(), "--dry-run", "--format", "legacy", "hello");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.err());
        JsonNode doc = LogstashDocuments.assertValid(run.out().strip(), "legacy");
        assertEquals("hello", doc.path("message").textValue());
        assertEquals(0L, redis.reader().commands().llen(KEY));
    }

    @Test
    void dryRunShowsWhatIsWrongWithTheFile() throws IOException {
        Path file = write("panpan-section.ini", "[moustash]\ntransport = stdout\n[panpan]\ntype = deploy\n");
        Run run = Run.of("-c", file.toString(), "--dry-run", "hello");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(file + ": [panpan]: unknown section, ignored (PanPan has no section: it reads [moustash], "
                + "its own settings are command-line options)", run.err().strip());
    }

    @Test
    void dryRunNeedsNoBroker() throws IOException {
        Path nowhere = write("nowhere.ini", "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                + RedisFixture.freePort() + "\n");
        Run run = Run.withStdin("a\nb\n".getBytes(StandardCharsets.UTF_8),
                "-c", nowhere.toString(), "--transport", "redis", "--dry-run", "--stdin");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(2, run.out().lines().count(), run.out());
    }

    @Test
    void transportOverrideToStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Run run;
        try {
            run = Run.of("-c", config.toString(), "--transport", "stdout", "to stdout");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, run.exit(), run.toString());
        JsonNode doc = LogstashDocuments.assertValid(captured.toString(StandardCharsets.UTF_8).strip(), "ecs");
        assertEquals("to stdout", doc.path("message").textValue());
        assertEquals(0L, redis.reader().commands().llen(KEY));
    }

    @Test
    void usageErrorsAreOneLineAndExit64() throws IOException {
        Path broken = write("broken-for-usage.ini", "[moustash]\nredis_port = nope\n");
        List<String[]> mistakes = List.of(
                new String[] {},
                new String[] {""},
                new String[] {"   "},
                new String[] {"a", "b"},
                new String[] {"--format", "xml", "m"},
                new String[] {"--transport", "kafka", "m"},
                new String[] {"-f", "novalue", "m"},
                new String[] {"-f", "message=x", "m"},
                new String[] {"-f", "a..b=1", "m"},
                new String[] {"-f", "a=1", "-f", "a.b=2", "m"},
                new String[] {"-t", "", "m"},
                new String[] {"--no-such-option", "m"});
        for (String[] mistake : mistakes) {
            // The configuration is broken too: usage is checked first, so the answer is still 64.
            Run run = Run.of(prepend("-c", broken.toString(), mistake));
            assertEquals(64, run.exit(), String.join(" ", mistake) + ": " + run);
            assertTrue(run.err().startsWith("panpan: "), run.err());
            assertTrue(run.err().endsWith("Try 'panpan --help' for more information.\n"), run.err());
            assertEquals(2, run.err().lines().count(), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        }
    }

    @Test
    void aFieldThatWouldBeBothAValueAndAnObjectIsAUsageErrorNamingBoth() throws IOException {
        Run run = Run.of("-c", config.toString(), "--dry-run", "-f", "a=1", "-f", "a.b=2", "m");
        assertEquals(64, run.exit(), run.toString());
        assertEquals("panpan: -f a=1 and a.b=2: a cannot be both a value and an object", run.err().lines().findFirst().orElseThrow());
        Path withFields = write("fields.ini", "[moustash]\ntransport = stdout\nfields = team=ops, n=3\n");
        Run againstFile = Run.of("-c", withFields.toString(), "--dry-run", "-f", "team.name=web", "m");
        assertEquals(64, againstFile.exit(), againstFile.toString());
        assertEquals("panpan: -f: team=ops ([moustash] fields of " + withFields + ") and team.name=web: "
                + "team cannot be both a value and an object", againstFile.err().lines().findFirst().orElseThrow());
    }

    @Test
    void theFilesFieldsAndDashFAreTypedAlike() throws IOException {
        Path withFields = write("typed.ini", "[moustash]\ntransport = stdout\nfields = n=3, ok=true, http.status=200\n");
        Run fromFile = Run.of("-c", withFields.toString(), "--dry-run", "m");
        Run fromArgs = Run.of("-c", config.toString(), "--dry-run", "-f", "n=3", "-f", "ok=true", "-f", "http.status=200", "m");
        JsonNode file = LogstashDocuments.assertValid(fromFile.out().strip(), "ecs");
        JsonNode args = LogstashDocuments.assertValid(fromArgs.out().strip(), "ecs");
        for (JsonNode doc : List.of(file, args)) {
            assertTrue(doc.path("n").isIntegralNumber(), doc.toString());
            assertTrue(doc.path("ok").isBoolean(), doc.toString());
            assertEquals(200, doc.path("http").path("status").intValue(), doc.toString());
        }
    }

    @Test
    void emptyMessageOnStdinIsAUsageError() {
        Run run = Run.withStdin("\n".getBytes(StandardCharsets.UTF_8), "-c", config.toString(), "-");
        assertEquals(64, run.exit(), run.toString());
        assertTrue(run.err().startsWith("panpan: empty message on stdin"), run.err());
    }

    @Test
    void brokerUnavailableKeepsTheEventAndTheNextRunDeliversIt() throws Exception {
        try (RedisFixture later = RedisFixture.running()) {
            later.stop();
            Path down = write("down.ini", "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + later.port()
                    + "\nredis_timeout = 1\nspool_dir = " + dir.resolve("spool-down") + "\n");
            Run run = Run.of("-c", down.toString(), "lost?");
            assertEquals(0, run.exit(), run.toString());
            assertEquals("panpan: broker unavailable: redis 127.0.0.1:" + later.port() + ": connection refused;"
                    + " the event is kept in the spool and will be delivered when it is back\n", run.err());
            assertEquals("", run.out());

            later.start();
            Run next = Run.of("-c", down.toString(), "found");
            assertEquals(0, next.exit(), next.toString());
            try (LogstashRedisReader reader = new LogstashRedisReader(later.url())) {
                List<String> documents = reader.await(KEY, 2, Duration.ofSeconds(10));
                // Another run's spool is delivered beside the new event, not necessarily before it.
                assertEquals(java.util.Set.of("lost?", "found"), documents.stream()
                        .map(d -> LogstashDocuments.parse(d).path("message").textValue()).collect(java.util.stream.Collectors.toSet()));
            }
        }
    }

    @Test
    void aRefusalRetryingCannotMendIsNamedInTheSpooledLine() throws Exception {
        try (RedisFixture secured = RedisFixture.running("requirepass s3cret-pw")) {
            Path wrong = write("wrong-password.ini", "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + secured.port()
                    + "\nredis_password = not-it\nredis_timeout = 2\nspool_dir = " + dir.resolve("spool-refused") + "\n");
            Files.setPosixFilePermissions(wrong, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Run run = Run.of("-c", wrong.toString(), "refused");
            assertEquals(0, run.exit(), run.toString());
            assertEquals("panpan: broker unavailable: redis 127.0.0.1:" + secured.port()
                    + ": authentication failed: wrong password (redis_password); the event is kept in the spool"
                    + " and will be delivered when it is back\n", run.err());
            assertFalse(run.err().contains("not-it"), "the password is never shown");
        }
    }

    @Test
    void brokerUnavailableInStdinModeSaysWhatWasKept() throws IOException {
        int port = RedisFixture.freePort();
        Path down = write("down-stdin.ini", "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + port
                + "\nredis_timeout = 1\nspool_dir = " + dir.resolve("spool-down-stdin") + "\n");
        Run run = Run.withStdin("a\nb\n".getBytes(StandardCharsets.UTF_8), "-c", down.toString(), "--stdin");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("panpan: 2 of 2 events kept in the spool (broker unavailable: redis 127.0.0.1:" + port
                + ": connection refused); they will be delivered when it is back\n", run.err());
    }

    /** A spool directory where no file can be created (sysfs accepts none, even from root). */
    @Test
    void brokerUnavailableAndNothingKeptExits69WithOneLine() throws IOException {
        Path sysfs = Path.of("/sys/kernel");
        Assumptions.assumeTrue(Files.isDirectory(sysfs) && Files.isWritable(sysfs),
                "needs a directory that looks writable but takes no file: /sys/kernel as root");
        int port = RedisFixture.freePort();
        Path nowhere = write("nowhere.ini", "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + port
                + "\nredis_timeout = 1\nspool_dir = " + sysfs + "\n");
        Run run = Run.of("-c", nowhere.toString(), "lost?");
        assertEquals(69, run.exit(), run.toString());
        assertTrue(run.err().startsWith("panpan: redis 127.0.0.1:" + port
                + ": connection refused; spool /sys/kernel: cannot write"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void configurationErrorsExit78() throws IOException {
        Path broken = write("broken.ini", "[moustash]\nredis_port = nope\n");
        Run run = Run.of("-c", broken.toString(), "hello");
        assertEquals(78, run.exit(), run.toString());
        assertTrue(run.err().startsWith("panpan: ") && run.err().contains("redis_port = nope"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        Run missing = Run.of("-c", dir.resolve("absent.ini").toString(), "hello");
        assertEquals(78, missing.exit(), missing.toString());
        assertEquals("panpan: " + dir.resolve("absent.ini") + " (named by --config): no such file\n", missing.err());
    }

    @Test
    void messageStartingWithAtIsNotAFileName() throws Exception {
        Path file = write("secret", "do not send me");
        JsonNode doc = sendOne("@" + file);
        assertEquals("@" + file, doc.path("message").textValue());
    }

    @Test
    void versionAndHelpGoToStdout() {
        Run version = Run.of("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("panpan "), version.out());
        Run help = Run.of("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--stdin") && help.out().contains("MESSAGE PROGRAM SOURCE True|False"), help.out());
    }
}
