package io.moustash.it.fouet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.it.Services;
import io.moustash.it.supervisor.Supervisord;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.LogstashRedisReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code supervisorctl stop} on Moustash's two daemons, under a real supervisord: each stops with
 * exit status 0, which supervisord logs as a clean stop, not {@code WARN stopped: ... (exit status 143)}.
 */
class SupervisorctlStopIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private final String key = "it:stop:" + UUID.randomUUID();
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

    private String ini(String more) {
        return "[moustash]\nredis_host = 127.0.0.1\nredis_port = " + Services.redisPort() + "\nredis_namespace = " + key
                + "\nevent_format = ecs\n" + more;
    }

    private void assertStoppedCleanly(String program) throws Exception {
        supervisord.awaitState(program, "STOPPED", WAIT);
        String log = supervisord.log();
        assertTrue(log.contains("INFO stopped: " + program + " (exit status 0)"), log);
        assertFalse(log.contains("exit status 143"), log);
    }

    @Test
    void fouetStopsWithStatusZero() throws Exception {
        supervisord = FouetListener.start(dir, ini(""), "PROCESS_STATE", "[program:steady]\ncommand=sleep 600\nstartsecs=1\n");
        supervisord.awaitState("steady", "RUNNING", WAIT);
        assertTrue(supervisord.ctl("stop", "fouet").contains("stopped"));
        assertStoppedCleanly("fouet");
        assertTrue(supervisord.text(FouetListener.STDERR).lines().noneMatch(l -> l.contains("internal error")),
                supervisord.text(FouetListener.STDERR));
    }

    @Test
    void cuirStopsWithStatusZeroAfterPublishing() throws Exception {
        Path jar = Path.of(System.getProperty("moustash.root", "..")).resolve("cuir/target/cuir.jar")
                .toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is built by the reactor before this module");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                while (!web.isClosed()) {
                    try (Socket s = web.accept()) {
                        // a connect is all a probe needs
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
            supervisord = FouetListener.start(dir, ini("[cuir]\ninterval = 0.2\nreport = all\nweb: 127.0.0.1:"
                    + web.getLocalPort() + ":web\n"), "PROCESS_STATE",
                    "[program:cuir]\ncommand=" + java + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar " + jar + " -c "
                            + dir.resolve("moustash.ini") + "\nstartsecs=1\nstopwaitsecs=15\nstderr_logfile="
                            + dir.resolve("cuir.stderr.log") + "\n");
            supervisord.awaitState("cuir", "RUNNING", WAIT);
            try (LogstashRedisReader logstash = new LogstashRedisReader(Services.redisUrl())) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                boolean probed = false;
                while (!probed && System.nanoTime() < deadline) {
                    probed = logstash.readBatch(key).stream().map(doc -> LogstashDocuments.assertValid(doc, "ecs"))
                            .anyMatch(e -> "web".equals(e.path("moustash").path("program").textValue()));
                    Thread.sleep(50);
                }
                assertTrue(probed, "cuir's events arrive: " + supervisord.log());
            }
            assertTrue(supervisord.ctl("stop", "cuir").contains("stopped"));
            assertStoppedCleanly("cuir");
        }
    }
}
