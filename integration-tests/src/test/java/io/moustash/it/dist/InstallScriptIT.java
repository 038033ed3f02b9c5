package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * The installed commands read PREFIX/etc/moustash/moustash.ini, the file install.sh made, with
     * no -c and no MOUSTASH_CONFIG; MOUSTASH_CONFIG still comes first; without any file the notice
     * names every place tried.
     */
    @Test
    void theInstalledCommandsReadTheConfigurationOfTheirPrefix() throws Exception {
        Path prefix = dir.resolve("opt/moustash");
        Distribution.Result install = Distribution.run(
                List.of("sh", Distribution.home().resolve("install.sh").toString(), "--prefix", prefix.toString()),
                Map.of(), dir);
        assertEquals(0, install.exit(), install.toString());
        Path config = prefix.resolve("etc/moustash/moustash.ini");
        Map<String, String> env = Map.of("MOUSTASH_CACHE_DIR", dir.resolve("cache").toString(),
                "MOUSTASH_SPOOL_DIR", dir.resolve("spool").toString(), "MOUSTASH_CONFIG", "");

        Distribution.Result check = Distribution.run(List.of(prefix.resolve("bin/cuir").toString(), "--check-config"),
                env, dir);
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains("redis: connect 127.0.0.1:6379"), "the installed example, quiet: " + check);
        assertFalse(check.err().contains("no configuration file"), check.toString());

        Files.writeString(config, "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                + "\nredis_namespace = it:prefix\n");
        Distribution.Result sent = Distribution.run(List.of(prefix.resolve("bin/panpan").toString(), "from the prefix"),
                env, dir);
        assertEquals(0, sent.exit(), sent.toString());
        try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
            assertEquals(List.of("from the prefix"), logstash.await("it:prefix", 1, Duration.ofSeconds(10)).stream()
                    .map(d -> LogstashDocuments.assertValid(d, "ecs").path("message").textValue()).toList());
        }

        Path other = Files.writeString(dir.resolve("other.ini"), "[moustash]\ntransport = stdout\n");
        Map<String, String> named = new java.util.HashMap<>(env);
        named.put("MOUSTASH_CONFIG", other.toString());
        Distribution.Result fromEnv = Distribution.run(List.of(prefix.resolve("bin/panpan").toString(), "from the env"),
                named, dir);
        assertEquals(0, fromEnv.exit(), fromEnv.toString());
        assertTrue(fromEnv.out().contains("\"from the env\""), "MOUSTASH_CONFIG comes first: " + fromEnv);

        Files.delete(config);
        if (Files.exists(Path.of("/usr/local/etc/moustash/moustash.ini")) || Files.exists(Path.of("/etc/moustash/moustash.ini"))) {
            return; // this machine has a configuration of its own, which would be found
        }
        Distribution.Result none = Distribution.run(List.of(prefix.resolve("bin/panpan").toString(), "--dry-run", "x"),
                env, dir);
        assertEquals(0, none.exit(), none.toString());
        assertTrue(none.err().contains("no configuration file (tried " + config + ", /usr/local/etc/moustash/moustash.ini,"
                + " /etc/moustash/moustash.ini;"), none.toString());
    }

    @Test
    void installShHandlesItsArgumentsLikeAnInstaller() throws Exception {
        String script = Distribution.home().resolve("install.sh").toString();
        Distribution.Result help = Distribution.run(List.of("sh", script, "--help"), Map.of(), dir);
        assertEquals(0, help.exit(), help.toString());
        assertTrue(help.out().startsWith("Usage: install.sh [--prefix DIR] [--destdir DIR]\n"), help.out());
        assertFalse(help.out().contains("set -eu") || help.out().contains("prefix=/usr/local"), help.out());
        assertEquals("", help.err());

        for (List<String> wrong : List.of(List.of("--prefix"), List.of("--prefix="), List.of("--prefix", "--destdir", "/x"),
                List.of("--destdir"), List.of("--frobnicate"), List.of("extra"), List.of("--prefix", "relative"))) {
            List<String> command = new java.util.ArrayList<>(List.of("sh", script));
            command.addAll(wrong);
            Distribution.Result run = Distribution.run(command, Map.of(), dir);
            assertEquals(64, run.exit(), wrong + ": " + run);
            assertEquals("", run.out(), wrong + " installs nothing: " + run);
            assertEquals(1, run.err().lines().count(), wrong + ": one line: " + run);
            assertTrue(run.err().startsWith("install.sh: ") && run.err().endsWith(" (try --help)\n"), wrong + ": " + run);
        }
        assertEquals("install.sh: --prefix needs a directory (try --help)\n",
                Distribution.run(List.of("sh", script, "--prefix"), Map.of(), dir).err());
    }

    @Test
    void installsLaunchersManPagesCompletionAndAConfigurationItNeverOverwrites() throws Exception {
        Path prefix = dir.resolve("prefix");
        Distribution.Result install = Distribution.run(
                List.of("sh", Distribution.home().resolve("install.sh").toString(), "--prefix", prefix.toString()),
                Map.of(), dir);
        assertEquals(0, install.exit(), install.toString());

        assertTrue(Files.readString(prefix.resolve("share/man/man5/moustash.ini.5")).startsWith(".TH MOUSTASH.INI 5"));
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
        try (var archives = Files.list(prefix.resolve("lib/moustash/cache"))) {
            assertEquals(List.of("cuir-", "fouet-", "panpan-"), archives.map(f -> f.getFileName().toString())
                    .map(name -> name.substring(0, name.indexOf('-') + 1)).sorted().toList(),
                    "install.sh made each command's class-data archive, and only that");
        }
        assertFalse(Files.exists(dir.resolve("cache")), "the runs used the installation's archives, not a cache of their own");
    }
}
