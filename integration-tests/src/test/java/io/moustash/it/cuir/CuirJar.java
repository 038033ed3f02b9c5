package io.moustash.it.cuir;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built cuir jar, started as supervisord or cron starts it. */
final class CuirJar {
    private CuirJar() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("moustash.root", ".."), "cuir", "target", "cuir.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the reactor before this module");
        return jar;
    }

    /** Cuir with {@code config} and {@code args}; stderr goes to the test's. */
    static Process start(Path config, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString(),
                "-c", config.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
