package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.it.Services;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh into a scratch prefix, then the installed commands, man pages and completion. */
class InstallScriptIT {
    @TempDir
    Path dir;

    @Test
    void installsLaunchersManPagesCompletionAndAConfigurationItNeverOverwrites() throws Exception {
        Path prefix = dir.resolve("prefix");
        Distribution.Result install = Distribution.run(
                List.of("sh", Distribution.home().resolve("install.sh").toString(), "--prefix", prefix.toString()),
                Map.of(), dir);
        assertEquals(0, install.exit(), install.toString());

        for (String tool : List.of("cuir", "fouet", "panpan")) {
            assertTrue(Files.isSymbolicLink(prefix.resolve("bin/" + tool)), tool + " is linked into bin/");
            assertTrue(Files.isExecutable(prefix.resolve("lib/moustash/bin/" + tool)));
            String man = Files.readString(prefix.resolve("share/man/man1/" + tool + ".1"));
            assertTrue(man.startsWith(".TH " + tool.toUpperCase()), man);
            assertTrue(man.contains("\\-\\-config"), "options come from the picocli definition: " + man);
            String completion = Files.readString(prefix.resolve("share/bash-completion/completions/" + tool));
            assertTrue(completion.contains("complete -F"), completion);
        }
        Path config = prefix.resolve("etc/moustash/moustash.ini");
        assertEquals(Files.readString(Distribution.examples().resolve("moustash-redis.ini")), Files.readString(config));

        Files.writeString(config, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                + "\nredis_namespace = it:install\n");
        Distribution.Result again = Distribution.run(
                List.of("sh", Distribution.home().resolve("install.sh").toString(), "--prefix", prefix.toString()),
                Map.of(), dir);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("Kept the existing"), again.out());
        assertTrue(Files.readString(config).contains("it:install"), "the user's configuration is kept");

        Map<String, String> env = Map.of("MOUSTASH_CACHE_DIR", dir.resolve("cache").toString(),
                "MOUSTASH_SPOOL_DIR", dir.resolve("spool").toString());
        Distribution.Result version = Distribution.run(List.of(prefix.resolve("bin/panpan").toString(), "--version"), env, dir);
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.out().startsWith("panpan " + System.getProperty("moustash.version")), version.out());

        for (int run = 1; run <= 2; run++) {
            Distribution.Result sent = Distribution.run(List.of(prefix.resolve("bin/panpan").toString(),
                    "-c", config.toString(), "installed, run " + run), env, dir);
            assertEquals(0, sent.exit(), sent.toString());
            assertEquals("", sent.out(), "nothing on stdout, also while the class-data archive is made");
        }
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            List<String> documents = logstash.await("it:install", 2, Duration.ofSeconds(10));
            assertEquals(List.of("installed, run 1", "installed, run 2"), documents.stream()
                    .map(d -> LogstashDocuments.assertValid(d, "ecs").path("message").textValue()).toList());
        }
        try (var archives = Files.list(dir.resolve("cache"))) {
            assertTrue(archives.anyMatch(f -> f.getFileName().toString().startsWith("panpan-")),
                    "the first run left a class-data archive for the next");
        }
    }
}
