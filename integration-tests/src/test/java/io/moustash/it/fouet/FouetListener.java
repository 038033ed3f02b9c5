package io.moustash.it.fouet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.it.supervisor.Supervisord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Fouet from {@code fouet/target/fouet.jar} as supervisord's {@code [eventlistener:fouet]}. */
final class FouetListener {
    /** Where Fouet's stderr goes, in the supervisord's directory. */
    static final String STDERR = "fouet.stderr.log";

    private FouetListener() {
    }

    /** The JVM options Fouet's launcher passes ({@code opts.fouet} in the parent pom), which docs/benchmarks.md measures. */
    static String jvmOptions() {
        String options = System.getProperty("moustash.fouet.jvm");
        assertTrue(options != null && !options.isBlank(),
                "moustash.fouet.jvm is not set: run the suite through Maven (-Pintegration), whose pom passes opts.fouet");
        return options;
    }

    /**
     * Starts supervisord with Fouet subscribed to {@code events} and the given {@code [program:x]}
     * sections, and waits until Fouet is RUNNING.
     */
    static Supervisord start(Path dir, String moustashIni, String events, String programs) throws Exception {
        Path jar = Path.of(System.getProperty("moustash.root", "..")).resolve("fouet/target/fouet.jar")
                .toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it with mvn package (the suite's reactor does)");
        Path ini = dir.resolve("moustash.ini");
        Files.writeString(ini, moustashIni, StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Supervisord supervisord = Supervisord.start(dir, String.join("\n",
                "[eventlistener:fouet]",
                "command=" + java + " " + jvmOptions() + " -jar " + jar + " -c " + ini,
                "events=" + events,
                "stderr_logfile=" + dir.resolve(STDERR),
                "startsecs=1",
                "",
                programs));
        supervisord.awaitState("fouet", "RUNNING", Duration.ofSeconds(30));
        return supervisord;
    }
}
