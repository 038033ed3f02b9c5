package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.it.Services;
import io.moustash.it.supervisor.Supervisord;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/supervisord-moustash.conf, included as written by a real supervisord, runs the launchers
 * install.sh put in /usr/local/bin: Cuir reports a probe, Fouet reports a program's state changes.
 * Only the environment comes from the test (MOUSTASH_CONFIG, the spool, the archive cache), through
 * supervisord's own {@code environment=}.
 */
class SupervisordSnippetsIT {
    private static final String KEY = "it:snippets";

    @TempDir
    Path dir;

    @Test
    void theSnippetsRunCuirAndFouetFromTheInstalledLaunchers() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "installs into /usr/local, as the snippets expect: run the suite as root (CI does)");
        Distribution.Result install = Distribution.run(
                List.of("sh", Distribution.home().resolve("install.sh").toString()), Map.of(), dir);
        assertEquals(0, install.exit(), install.toString());

        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path ini = Files.writeString(dir.resolve("moustash.ini"), String.join("\n",
                    "[moustash]", "redis_host = 127.0.0.1", "redis_port = " + Services.redisPort(),
                    "redis_namespace = " + KEY,
                    "[cuir]", "interval = 1", "report = all",
                    "web = 127.0.0.1:" + target.getLocalPort() + ":a listener of the test", ""));
            try (Supervisord supervisord = Supervisord.start(dir,
                    "environment=MOUSTASH_CONFIG=\"" + ini + "\",MOUSTASH_SPOOL_DIR=\"" + dir.resolve("spool")
                            + "\",MOUSTASH_CACHE_DIR=\"" + dir.resolve("cache") + "\"",
                    String.join("\n", "[program:sleeper]", "command=sleep 600", "startsecs=1", "autostart=false",
                            "[include]", "files=" + Distribution.examples().resolve("supervisord-moustash.conf")))) {
                supervisord.awaitState("cuir", "RUNNING", Duration.ofSeconds(60));
                supervisord.awaitState("fouet", "RUNNING", Duration.ofSeconds(60));
                supervisord.ctl("start", "sleeper");
                try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
                    List<JsonNode> events = new ArrayList<>();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < deadline && !(seen(events, "moustash.cuir", "web")
                            && seen(events, "moustash.fouet", "sleeper"))) {
                        logstash.readBatch(KEY).forEach(d -> events.add(LogstashDocuments.assertValid(d, "ecs")));
                        Thread.sleep(200);
                    }
                    assertTrue(seen(events, "moustash.cuir", "web"), "a probe result from Cuir: " + events + "\n" + supervisord.log());
                    assertTrue(seen(events, "moustash.fouet", "sleeper"), "sleeper's start from Fouet: " + events + "\n" + supervisord.log());
                }
                String log = supervisord.log();
                assertFalse(log.contains("UNKNOWN state"), log);
                assertFalse(log.contains("buffer overflowed"), log);
                // The first run makes the class-data archive, as a child of the launcher: it must
                // still read supervisord's protocol on stdin, not stop at an early end of input.
                assertFalse(log.contains("exited: fouet"), log);
                assertFalse(log.contains("exited: cuir"), log);
            }
        }
    }

    private static boolean seen(List<JsonNode> events, String dataset, String program) {
        return events.stream().anyMatch(e -> dataset.equals(e.path("event").path("dataset").textValue())
                && program.equals(e.path("moustash").path("program").textValue()));
    }
}
