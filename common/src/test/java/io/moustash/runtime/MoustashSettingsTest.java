package io.moustash.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.common.ExitCode;
import io.moustash.config.ConfigException;
import io.moustash.config.ConfigLocator;
import io.moustash.config.IniDocument;
import io.moustash.event.EventFormat;
import io.moustash.transport.redis.RedisSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoustashSettingsTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private MoustashSettings read(String ini) {
        return MoustashSettings.read(IniDocument.parse(ini, "test.ini"), warnings::add);
    }

    @Test
    void noSectionMeansBuiltInDefaults() {
        MoustashSettings settings = read("");
        assertEquals("redis", settings.transport());
        RedisSettings redis = settings.redis();
        assertEquals("localhost", redis.host());
        assertEquals(6379, redis.port());
        assertEquals(0, redis.db());
        assertEquals("logstash:moustash", redis.namespace());
        assertEquals(null, redis.password());
        assertEquals(RedisSettings.DataType.LIST, redis.dataType());
        assertEquals(null, redis.url());
        assertEquals(Duration.ofSeconds(5), redis.timeout());
        assertEquals(EventFormat.ECS, settings.events().format());
        assertEquals(List.of(), settings.events().tags());
        assertEquals(io.moustash.event.UserFields.NONE, settings.events().fields());
        assertFalse(settings.events().hostname().isBlank());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theOriginalExampleFileLoadsUnchanged() {
        MoustashSettings settings = read("""
                [Moustash]
                transport: redis
                redis_ip: 127.0.0.1
                redis_port: 6379
                redis_db: 0
                redis_namespace: moustash:wowi

                [Cuir]
                Interval: 1
                SSH: 127.0.0.1:22:ssh server for HULK
                """);
        assertEquals("127.0.0.1", settings.redis().host());
        assertEquals("moustash:wowi", settings.redis().namespace());
        assertEquals("127.0.0.1:22:ssh server for HULK",
                settings.document().section("cuir").orElseThrow().get("ssh").orElseThrow());
        assertEquals(List.of(), warnings);
    }

    @Test
    void everyOptionIsRead() {
        MoustashSettings settings = read("""
                [moustash]
                transport = stdout
                redis_host = redis.example
                redis_port = 6380
                redis_db = 2
                redis_namespace = logs
                redis_password = pw
                redis_data_type = channel
                redis_url = redis://127.0.0.1:6390/1
                redis_timeout = 0.5
                event_format = legacy
                hostname = web-1
                tags = a, b c
                fields = env=prod, dc = paris
                """);
        assertEquals("stdout", settings.transport());
        RedisSettings redis = settings.redis();
        assertEquals("redis.example", redis.host());
        assertEquals(6380, redis.port());
        assertEquals(2, redis.db());
        assertEquals("logs", redis.namespace());
        assertEquals("pw", redis.password());
        assertEquals(RedisSettings.DataType.CHANNEL, redis.dataType());
        assertEquals("redis://127.0.0.1:6390/1", redis.url());
        assertEquals(Duration.ofMillis(500), redis.timeout());
        assertEquals(EventFormat.LEGACY, settings.events().format());
        assertEquals("web-1", settings.events().hostname());
        assertEquals(List.of("a", "b", "c"), settings.events().tags());
        assertEquals(Map.of("env", "prod", "dc", "paris"), settings.events().fields().toMap());
        assertEquals("127.0.0.1:6390", redis.address());
    }

    @Test
    void redisHostWinsOverRedisIpWhateverTheOrder() {
        assertEquals("new", read("[moustash]\nredis_host = new\nredis_ip = old\n").redis().host());
        assertEquals("new", read("[moustash]\nredis_ip = old\nredis_host = new\n").redis().host());
        assertEquals("old", read("[moustash]\nredis_ip = old\n").redis().host());
    }

    @Test
    void sectionAndOptionNamesIgnoreCaseAndBothSeparatorsWork() {
        MoustashSettings settings = read("[MOUSTASH]\nRedis_Port: 7000\n[moustash]\nREDIS_DB = 4\n");
        assertEquals(7000, settings.redis().port());
        assertEquals(4, settings.redis().db());
    }

    @ParameterizedTest
    @CsvSource({"1,true", "0,false", "yes,true", "no,false", "on,true", "off,false", "TRUE,true", "False,false"})
    void booleansAcceptEveryUsualSpelling(String text, boolean expected) {
        assertEquals(expected, io.moustash.config.Parsers.bool().parse(text));
    }

    @Test
    void anUnknownOptionIsAWarningWithTheClosestName() {
        read("[moustash]\nredis_prot = 6379\nfoo = bar\n");
        assertEquals(List.of(
                "test.ini: [moustash] redis_prot: unknown option, ignored (did you mean redis_port?)",
                "test.ini: [moustash] foo: unknown option, ignored"), warnings);
    }

    /** Each malformed file and the exact line a user sees. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port not a number         | redis_port = abc                  | test.ini: [moustash] redis_port = abc: expected a port number from 1 to 65535
            port too large            | redis_port = 70000                | test.ini: [moustash] redis_port = 70000: expected a port number from 1 to 65535
            port zero                 | redis_port = 0                    | test.ini: [moustash] redis_port = 0: expected a port number from 1 to 65535
            port negative             | redis_ip = h\\nredis_port: -1     | test.ini: [moustash] redis_port = -1: expected a port number from 1 to 65535
            unknown transport         | transport = kafka                 | test.ini: [moustash] transport = kafka: expected one of redis, rabbitmq, stdout
            empty transport           | transport =                       | test.ini: [moustash] transport = (empty): expected one of redis, rabbitmq, stdout
            db not a number           | redis_db = first                  | test.ini: [moustash] redis_db = first: expected a whole number from 0 to 1000000
            db negative               | redis_db = -3                     | test.ini: [moustash] redis_db = -3: expected a whole number from 0 to 1000000
            unknown data type         | redis_data_type = stream          | test.ini: [moustash] redis_data_type = stream: expected one of list, channel
            unparsable url            | redis_url = http://nope           | test.ini: [moustash] redis_url = ****: expected a Redis URL such as redis://host:6379/0, rediss://host:6380 or redis-sentinel://host:26379#mymaster
            url port not a number     | redis_url = redis://127.0.0.1:notaport/0 | test.ini: [moustash] redis_url = ****: 'notaport' is not a port (1 to 65535) in 127.0.0.1:notaport
            sentinel port too large   | redis_url = redis-sentinel://a:26379,b:99999#m | test.ini: [moustash] redis_url = ****: '99999' is not a port (1 to 65535) in b:99999
            url unix socket           | redis_url = redis-socket:///run/redis.sock | test.ini: [moustash] redis_url = ****: Unix sockets (redis-socket://) are not supported by this build; let Redis listen on 127.0.0.1 and use redis://127.0.0.1:6379/0
            timeout not a number      | redis_timeout = soon              | test.ini: [moustash] redis_timeout = soon: expected a number of seconds greater than 0
            timeout zero              | redis_timeout = 0                 | test.ini: [moustash] redis_timeout = 0: expected a number of seconds greater than 0
            unknown event format      | event_format = gelf               | test.ini: [moustash] event_format = gelf: expected one of ecs, legacy
            empty namespace           | redis_namespace =                 | test.ini: [moustash] redis_namespace = (empty): must not be empty
            empty host                | redis_host =                      | test.ini: [moustash] redis_host = (empty): must not be empty
            fields without equals     | fields = env                      | test.ini: [moustash] fields = env: expected key=value pairs separated by commas
            fields with empty key     | fields = =prod                    | test.ini: [moustash] fields = =prod: expected key=value pairs separated by commas
            field value and object    | fields = a=1, a.b=2               | test.ini: [moustash] fields = a=1, a.b=2: a=1 and a.b=2: a cannot be both a value and an object
            field with empty step     | fields = a..b=1                   | test.ini: [moustash] fields = a..b=1: a..b: a dotted key needs a name between the dots
            empty hostname            | hostname =                        | test.ini: [moustash] hostname = (empty): must not be empty
            """)
    void aMalformedValueIsReportedExactly(String name, String lines, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read("[moustash]\n" + lines.replace("\\n", "\n") + "\n"));
        assertEquals(expected, e.getMessage());
        assertEquals(ExitCode.CONFIG, e.exitCode());
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read("[moustash]\nredis_port = abc\ntransport = kafka\nredis_prot = 1\n"));
        assertEquals(2, e.problems().size());
        assertEquals("test.ini: [moustash] transport = kafka: expected one of redis, rabbitmq, stdout"
                + System.lineSeparator()
                + "test.ini: [moustash] redis_port = abc: expected a port number from 1 to 65535", e.getMessage());
        assertEquals(List.of("test.ini: [moustash] redis_prot: unknown option, ignored (did you mean redis_port?)"),
                warnings, "warnings are handed over before the error is thrown");
    }

    @Test
    void aFileThatIsNotIniSaysSo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MoustashSettings.read(IniDocument.parse("redis_port = 1\n", "flat.ini"), warnings::add));
        assertTrue(e.getMessage().startsWith("flat.ini is not an ini file: "), e.getMessage());
    }

    @Test
    void passwordsNeverAppearInMessages() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> read(
                "[moustash]\nredis_password = hunter2\nredis_url = rediss://:hunter2@\n"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        MoustashSettings ok = read("[moustash]\nredis_password = hunter2\n");
        assertFalse(ok.redis().toString().contains("hunter2"), ok.redis().toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            redis-sentinel://127.0.0.1:26379/0#mymaster | false
            redis://127.0.0.1:6379/0                   | false
            amqp://guest@127.0.0.1:5672/%2f             | false
            rediss://:hunter2@127.0.0.1:6380            | true
            redis://hunter2@127.0.0.1:6379              | true
            amqps://guest:hunter2@127.0.0.1:5671        | true
            hunter2                                     | true
            """)
    void onlyAValueThatHoldsAPasswordCounts(String value, boolean secret) {
        assertEquals(secret, MoustashSettings.holdsSecret(value));
    }

    @Test
    void aUrlWithoutAPasswordInAFileOthersCanReadIsNoWarning() throws IOException {
        Path file = dir.resolve("moustash.ini");
        Files.writeString(file, "[moustash]\nredis_url = redis-sentinel://127.0.0.1:26379/0#mymaster\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MoustashSettings.load(file, new ConfigLocator(Map.of(), List.of()), warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aPasswordInAFileOthersCanReadIsAWarning() throws IOException {
        Path file = dir.resolve("moustash.ini");
        Files.writeString(file, "[moustash]\nredis_password = hunter2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MoustashSettings.load(file, new ConfigLocator(Map.of(), List.of()), warnings::add);
        assertEquals(List.of(file + ": holds a password but is readable by other users; chmod o-r " + file), warnings);

        warnings.clear();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        MoustashSettings.load(file, new ConfigLocator(Map.of(), List.of()), warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void theFileIsFoundInTheDocumentedOrder() throws IOException {
        Path explicit = Files.writeString(dir.resolve("explicit.ini"), "[moustash]\nredis_db = 1\n");
        Path fromEnv = Files.writeString(dir.resolve("env.ini"), "[moustash]\nredis_db = 2\n");
        Path first = dir.resolve("usr-local.ini");
        Path second = Files.writeString(dir.resolve("etc.ini"), "[moustash]\nredis_db = 4\n");
        ConfigLocator withEnv = new ConfigLocator(Map.of("MOUSTASH_CONFIG", fromEnv.toString()), List.of(first, second));
        ConfigLocator withoutEnv = new ConfigLocator(Map.of(), List.of(first, second));

        assertEquals(1, MoustashSettings.load(explicit, withEnv, warnings::add).redis().db());
        assertEquals(2, MoustashSettings.load(null, withEnv, warnings::add).redis().db());
        assertEquals(4, MoustashSettings.load(null, withoutEnv, warnings::add).redis().db());
        Files.writeString(first, "[moustash]\nredis_db = 3\n");
        assertEquals(3, MoustashSettings.load(null, withoutEnv, warnings::add).redis().db());
        assertEquals(List.of(), warnings);
    }

    @Test
    void noFileAtAllRunsOnDefaultsWithANotice() {
        ConfigLocator nothing = new ConfigLocator(Map.of(), List.of(dir.resolve("absent.ini")));
        MoustashSettings settings = MoustashSettings.load(null, nothing, warnings::add);
        assertEquals("localhost", settings.redis().host());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("using built-in defaults"), warnings.get(0));
    }

    @Test
    void aNamedFileThatDoesNotExistIsAConfigError() {
        Path missing = dir.resolve("missing.ini");
        ConfigLocator locator = new ConfigLocator(Map.of("MOUSTASH_CONFIG", missing.toString()), List.of());
        ConfigException fromFlag = assertThrows(ConfigException.class,
                () -> MoustashSettings.load(missing, locator, warnings::add));
        assertEquals(missing + " (named by --config): no such file", fromFlag.getMessage());
        ConfigException fromEnv = assertThrows(ConfigException.class,
                () -> MoustashSettings.load(null, locator, warnings::add));
        assertEquals(missing + " (named by MOUSTASH_CONFIG): no such file", fromEnv.getMessage());
    }

    @Test
    void anUnreadableFileIsAConfigError() throws IOException {
        Path file = Files.writeString(dir.resolve("bad-utf8.ini"), "");
        Files.write(file, new byte[] {'[', 'm', ']', '\n', 'a', '=', (byte) 0xff, (byte) 0xfe, '\n'});
        ConfigException e = assertThrows(ConfigException.class,
                () -> MoustashSettings.load(file, new ConfigLocator(Map.of(), List.of()), warnings::add));
        assertEquals(file + " is not valid UTF-8 text (line 2): save it as UTF-8", e.getMessage());
    }

    @Test
    void aLatin1FileNamesItsFirstLineThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("latin1.ini");
        Files.write(file, "[moustash]\nhostname = web1\n[cuir]\nSSH: 127.0.0.1:22:serveur de d\u00e9mo\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class,
                () -> MoustashSettings.load(file, new ConfigLocator(Map.of(), List.of()), warnings::add));
        assertEquals(file + " is not valid UTF-8 text (line 4): save it as UTF-8", e.getMessage());
        assertEquals(ExitCode.CONFIG, e.exitCode());
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        Path file = dir.resolve("bom.ini");
        Files.writeString(file, "\uFEFF[moustash]\nredis_port = 6380\n");
        MoustashSettings settings = MoustashSettings.load(file, new ConfigLocator(Map.of(), List.of()), warnings::add);
        assertEquals(6380, settings.redis().port());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anUnknownSectionIsAWarningWithTheClosestName() {
        read("[moustash]\n[curi]\nSSH: 127.0.0.1:22:ssh\n[foeut]\nnotify = FATAL\n[panpan]\ntype = x\n"
                + "[elsewhere]\n[cuir:web]\nhost = a\n[Fouet]\n");
        assertEquals(List.of(
                "test.ini: [curi]: unknown section, ignored (did you mean [cuir]?)",
                "test.ini: [foeut]: unknown section, ignored (did you mean [fouet]?)",
                "test.ini: [panpan]: unknown section, ignored (PanPan has no section: it reads [moustash], "
                        + "its own settings are command-line options)",
                "test.ini: [elsewhere]: unknown section, ignored"), warnings);
    }

    @Test
    void aRepeatedOptionWarnsWithBothLines() {
        MoustashSettings settings = read("[moustash]\nredis_port = 6380\n; a comment\nhostname = a\n"
                + "redis_port = 6381\n");
        assertEquals(6381, settings.redis().port());
        assertEquals(List.of("test.ini: [moustash] redis_port: set twice, on lines 2 and 5; line 5 is used"),
                warnings);
    }

    @Test
    void anOptionAndItsOlderSpellingWarnWithTheirLines() {
        MoustashSettings settings = read("[moustash]\nredis_host = a\nredis_ip = b\n");
        assertEquals("a", settings.redis().host());
        assertEquals(List.of("test.ini: [moustash] redis_host: set twice, as redis_host on line 2 "
                + "and redis_ip on line 3; line 2 is used"), warnings);
    }
}
