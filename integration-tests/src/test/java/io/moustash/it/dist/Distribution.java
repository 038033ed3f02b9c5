package io.moustash.it.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The unpacked distribution the reactor built (dist/target/moustash-VERSION), and running its scripts. */
public final class Distribution {
    private Distribution() {
    }

    public static Path home() {
        Path root = Path.of(System.getProperty("moustash.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("dist/target/moustash-" + System.getProperty("moustash.version"));
        assertTrue(Files.isRegularFile(home.resolve("install.sh")), home + " is missing: mvn package builds it");
        return home;
    }

    static Path examples() {
        return Path.of(System.getProperty("moustash.root", "..")).toAbsolutePath().normalize().resolve("examples");
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** Runs {@code command} with {@code env} added, stdin closed, and waits at most a minute. */
    static Result run(List<String> command, Map<String, String> env, Path scratch) throws IOException, InterruptedException {
        return run(command, env, scratch, Path.of("/dev/null"));
    }

    /**
     * Runs {@code command} with {@code env} added and the file {@code stdin} as its input, and waits
     * at most a minute. A MOUSTASH_JAVA_OPTS of this environment is not passed on: the launcher uses
     * its own JVM options.
     */
    static Result run(List<String> command, Map<String, String> env, Path scratch, Path stdin)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("MOUSTASH_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within a minute");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
