package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.moustash.it.Services;
import io.moustash.it.supervisor.Supervisord;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code bin/cuir} under a real supervisord: {@code supervisorctl signal HUP cuir}
 * reloads it in place (same process, a new probe, no restart), and {@code bin/cuir --status} run
 * beside it shows its probes, then says none runs once supervisord stopped it. Its first start makes
 * the launcher's class-data archive, the run where the launcher keeps the JVM as a child and passes
 * signals on.
 */
class CuirSignalsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final String key = "it:cuir-signals:" + UUID.randomUUID();
    /** Under java.io.tmpdir (/tmp): short enough for a unix socket's path. */
    @TempDir
    Path dir;
    private Supervisord supervisord;

    @AfterEach
    void stopSupervisord() throws Exception {
        if (supervisord != null) {
            supervisord.close();
        }
    }

    @Test
    void supervisorctlSignalHupReloadsCuirInPlaceAndStatusShowsIt() throws Exception {
        Path cuir = Distribution.home().resolve("bin/cuir");
        Map<String, String> env = Map.of("MOUSTASH_SPOOL_DIR", dir.resolve("spool").toString(),
                "MOUSTASH_CACHE_DIR", dir.resolve("cache").toString());
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            accept(web);
            String before = "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort()
                    + "\nredis_namespace = " + key + "\n[cuir]\ninterval = 0.5\nreport = all\nweb: 127.0.0.1:"
                    + web.getLocalPort() + ":web\n";
            Path ini = Files.writeString(dir.resolve("moustash.ini"), before);
            supervisord = Supervisord.start(dir, "[program:cuir]\ncommand=" + cuir + " -c " + ini + "\nstartsecs=1\nstopwaitsecs=15\nstderr_logfile="
                    + dir.resolve("cuir.stderr.log") + "\nenvironment=MOUSTASH_SPOOL_DIR=\"" + env.get("MOUSTASH_SPOOL_DIR")
                    + "\",MOUSTASH_CACHE_DIR=\"" + env.get("MOUSTASH_CACHE_DIR") + "\"\n");
            supervisord.awaitState("cuir", "RUNNING", WAIT);
            String pid = supervisord.ctl("pid", "cuir").strip();
            try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
                await(logstash, e -> "web".equals(program(e)));

                Distribution.Result status = awaitStatus(cuir, ini, env, 0);
                assertTrue(status.out().lines().anyMatch(l -> l.matches("web\\s+127\\.0\\.0\\.1:" + web.getLocalPort()
                        + "\\s+UP\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")), status.toString());

                Files.writeString(ini, before + "db: 127.0.0.1:" + closed + ":database\n");
                assertTrue(supervisord.ctl("signal", "HUP", "cuir").contains("cuir: signalled"), log());
                awaitText("cuir.stderr.log", "cuir: reloaded " + ini + ": 1 added (db), 0 changed, 0 removed, 1 unchanged");
                JsonNode db = await(logstash, e -> "db".equals(program(e)));
                assertEquals("refused", db.path("moustash").path("cuir").path("reason").textValue());
                assertEquals(pid, supervisord.ctl("pid", "cuir").strip(), "reloaded in place, not restarted: " + log());
                assertFalse(log().contains("exited: cuir"), log());

                status = awaitStatus(cuir, ini, env, 2);
                assertTrue(status.out().lines().anyMatch(l -> l.matches("db\\s+127\\.0\\.0\\.1:" + closed
                        + "\\s+DOWN\\s+.*refused.*")), status.toString());
            }
            assertTrue(supervisord.ctl("stop", "cuir").contains("stopped"), log());
            assertTrue(log().contains("stopped: cuir (exit status 0)"), log());
            Distribution.Result none = Distribution.run(List.of(cuir.toString(), "-c", ini.toString(), "--status"), env, dir);
            assertEquals(3, none.exit(), none.toString());
            assertTrue(none.err().startsWith("cuir: no Cuir is running with " + ini.toRealPath() + " (no status file "),
                    none.toString());
        }
    }

    private static String program(JsonNode e) {
        return e.path("moustash").path("program").textValue();
    }

    private static void accept(ServerSocket server) {
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    // a connect is all a probe needs
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    /** Runs {@code cuir --status} through the launcher until it exits {@code expected}. */
    private Distribution.Result awaitStatus(Path cuir, Path ini, Map<String, String> env, int expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Distribution.Result result = Distribution.run(List.of(cuir.toString(), "-c", ini.toString(), "--status"), env, dir);
            if (result.exit() == expected) {
                return result;
            }
            assertTrue(System.nanoTime() < deadline, "--status did not exit " + expected + ": " + result + log());
            Thread.sleep(250);
        }
    }

    private JsonNode await(LogstashRedisReader logstash, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (String doc : logstash.readBatch(key)) {
                JsonNode e = LogstashDocuments.assertValid(doc, "ecs");
                if (wanted.test(e)) {
                    return e;
                }
                seen.add(e);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such event within " + WAIT + ": " + seen + log());
    }

    private void awaitText(String file, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!supervisord.text(file).contains(text)) {
            assertTrue(System.nanoTime() < deadline, file + " does not say '" + text + "': " + supervisord.text(file) + log());
            Thread.sleep(100);
        }
    }

    private String log() {
        return "\nsupervisord.log:\n" + supervisord.log() + "\ncuir.stderr.log:\n" + supervisord.text("cuir.stderr.log");
    }
}
