package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The class-data archive a launcher makes on a tool's first run with a JDK: that run says nothing
 * of it (cron mails whatever reaches stderr; stdout is Fouet's protocol), the archive appears once
 * the tool has exited, and the next run, which uses it, is as quiet. On the JDK running this suite
 * and on a JDK 25 when one is installed (the AOT cache).
 */
class LauncherArchiveIT {
    @TempDir
    Path scratch;

    static List<String> jdks() throws IOException {
        List<String> jdks = new ArrayList<>(List.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> list = Files.list(jvms)) {
                list.filter(p -> p.getFileName().toString().startsWith("temurin-25"))
                        .filter(p -> Files.isExecutable(p.resolve("bin/java"))).findFirst()
                        .ifPresent(p -> jdks.add(p.toString()));
            }
        }
        return jdks;
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theFirstRunIsAsQuietAsTheNext(String jdk) throws Exception {
        Path cache = scratch.resolve("cache");
        // A broker that is away: the event is spooled, exit 0, and -q says nothing.
        Path config = Files.writeString(scratch.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\n"
                + "redis_port = 9\nredis_timeout = 1\ndelivery_close_timeout = 0.2\nspool_dir = " + scratch.resolve("spool")
                + "\n");
        Map<String, String> env = Map.of("JAVA_HOME", jdk, "MOUSTASH_CACHE_DIR", cache.toString());
        List<String> panpan = List.of(Distribution.home().resolve("bin/panpan").toString(), "-q", "-c", config.toString(), "x");

        Distribution.Result first = Distribution.run(panpan, env, scratch);
        assertEquals(new Distribution.Result(0, "", ""), first, "the first run, which records its classes");
        Path archive = awaitArchive(cache, "panpan-");
        Distribution.Result next = Distribution.run(panpan, env, scratch);
        assertEquals(new Distribution.Result(0, "", ""), next, "the run that uses " + archive);

        List<String> fouet = List.of(Distribution.home().resolve("bin/fouet").toString(), "-c", config.toString());
        Distribution.Result fouetFirst = Distribution.run(fouet, env, scratch);
        assertEquals("READY\n", fouetFirst.out(), "nothing but supervisord's protocol on stdout: " + fouetFirst);
        assertTrue(fouetFirst.err().lines().noneMatch(LauncherArchiveIT::fromTheJvm), "only Fouet's own lines: " + fouetFirst);
        awaitArchive(cache, "fouet-");
    }

    /**
     * Another tool's first run forgets what killed runs left in the cache (locks, records and
     * half-made archives over ten minutes old, and whatever is older than the last boot), but not the
     * lock and record of a daemon still recording its classes, however long it has run.
     */
    @Test
    void aFirstRunForgetsWhatKilledRunsLeftButNotWhatARunningDaemonRecords() throws Exception {
        Path cache = Files.createDirectories(scratch.resolve("cache"));
        Process daemon = new ProcessBuilder("sleep", "60").start();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try {
            long live = daemon.pid();
            long dead = gone.pid();
            Path liveLock = Files.createDirectory(cache.resolve("cuir-17.0.0-1.jsa.lock"));
            Files.writeString(liveLock.resolve("pid"), live + "\n");
            Path liveRecord = Files.writeString(cache.resolve("cuir-17.0.0-1.jsa." + live + ".record"), "java/lang/Object\n");
            Path deadLock = Files.createDirectory(cache.resolve("fouet-17.0.0-1.jsa.lock"));
            Files.writeString(deadLock.resolve("pid"), dead + "\n");
            Path deadRecord = Files.writeString(cache.resolve("fouet-17.0.0-1.jsa." + dead + ".record"), "java/lang/Object\n");
            Path oldLock = Files.createDirectory(cache.resolve("fouet-17.0.0-2.jsa.lock"));
            Path halfMade = Files.writeString(cache.resolve("fouet-17.0.0-1.jsa." + dead), "half");
            Path recent = Files.writeString(cache.resolve("fouet-17.0.0-3.jsa." + dead), "being made");
            Duration uptime = Duration.ofSeconds((long) Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]));
            Assumptions.assumeTrue(uptime.toMinutes() > 15, "the machine has run for more than the ten minutes tested");
            FileTime elevenMinutesAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(11)));
            for (Path p : List.of(liveLock, liveRecord, deadLock, deadRecord, oldLock, halfMade)) {
                Files.setLastModifiedTime(p, elevenMinutesAgo);
            }
            // Made before the last boot, by a process whose pid a live one has now.
            Path beforeBoot = Files.createDirectory(cache.resolve("cuir-17.0.0-2.jsa.lock"));
            Files.writeString(beforeBoot.resolve("pid"), live + "\n");
            Files.setLastModifiedTime(beforeBoot, FileTime.from(Instant.now().minus(uptime).minus(Duration.ofMinutes(5))));
            Path config = Files.writeString(scratch.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\n"
                    + "redis_port = 9\nredis_timeout = 1\ndelivery_close_timeout = 0.2\nspool_dir = " + scratch.resolve("spool")
                    + "\n");
            Distribution.Result first = Distribution.run(List.of(Distribution.home().resolve("bin/panpan").toString(), "-q",
                    "-c", config.toString(), "x"), Map.of("MOUSTASH_CACHE_DIR", cache.toString()), scratch);
            assertEquals(new Distribution.Result(0, "", ""), first);
            assertTrue(Files.isDirectory(liveLock) && Files.exists(liveRecord), "a running daemon's lock and record stay");
            for (Path p : List.of(deadLock, deadRecord, oldLock, halfMade, beforeBoot)) {
                assertTrue(Files.notExists(p), p + ": left by a run that is gone, more than ten minutes ago");
            }
            assertTrue(Files.exists(recent), "an archive being made a moment ago stays");
            awaitArchive(cache, "panpan-");
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** A line the JVM writes about archives or options, never a tool's. */
    private static boolean fromTheJvm(String line) {
        return line.contains("AOT") || line.contains("Picked up") || line.contains("[cds") || line.contains("[warning]")
                || line.contains("SharedArchive") || line.contains("CDS");
    }

    /** The archive named {@code prefix}…, once made and no process is making one; fails after a minute. */
    private static Path awaitArchive(Path cache, String prefix) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> list = Files.list(cache)) {
                List<Path> names = list.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
                boolean making = names.stream().anyMatch(p -> !p.toString().endsWith(".jsa") && !p.toString().endsWith(".aot"));
                if (!making && !names.isEmpty()) {
                    return names.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + prefix + " archive in " + cache + " after a minute");
    }
}
