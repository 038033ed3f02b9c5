package io.moustash.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The moustash.ini the demo's tools read: the embedded Redis, a private spool, three loopback probes. */
final class DemoConfig {
    static final String LIST_KEY = "logstash:moustash";
    static final String WEB = "web";
    static final String CACHE = "cache";
    static final String BACKUP = "backup";

    private DemoConfig() {
    }

    /**
     * Writes {@code dir/moustash.ini}. Cuir reports every probe ({@code report = all}) every half
     * second, so the demo sees each target and each change of state at once.
     */
    static Path write(Path dir, int redisPort, int webPort, int cachePort, int backupPort) throws IOException {
        Path ini = dir.resolve("moustash.ini");
        String text = """
                ; Written by the Moustash demo; removed when it ends.
                [moustash]
                transport = redis
                redis_host = 127.0.0.1
                redis_port = %d
                redis_namespace = %s
                event_format = ecs
                spool_dir = %s

                [cuir]
                interval = 0.5
                timeout = 2
                report = all
                %s: 127.0.0.1:%d:web front end, listening all along
                %s: 127.0.0.1:%d:cache, stopped and restarted during the demo
                %s: 127.0.0.1:%d:backup agent, not running

                [fouet]
                notify = crash, fatal, backoff
                stderr_lines = 20
                """.formatted(redisPort, LIST_KEY, dir.resolve("spool"), WEB, webPort, CACHE, cachePort, BACKUP,
                backupPort);
        Files.writeString(ini, text, StandardCharsets.UTF_8);
        return ini;
    }
}
