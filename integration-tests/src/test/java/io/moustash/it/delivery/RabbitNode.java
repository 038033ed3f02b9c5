package io.moustash.it.delivery;

import io.moustash.it.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * rabbitmqctl against the suite's rabbitmq-server node, run the way scripts/integration-test runs
 * it: as root (Debian's wrapper then runs it as the rabbitmq user, keeping the environment that
 * names the node), else through {@code sudo -E}. Every call is bounded in time.
 */
public final class RabbitNode {
    private static final long TIMEOUT_SECONDS = 60;

    private RabbitNode() {
    }

    /** Stops the RabbitMQ application (the node's Erlang VM stays up): listeners close, connections drop. */
    public static void stopApp() {
        ctl("stop_app");
    }

    /** Starts it again; returns once it accepts connections, with its durable queues recovered. */
    public static void startApp() {
        ctl("start_app");
    }

    /** The output of {@code rabbitmqctl ARGS}; a failure or a call that does not end throws with its output. */
    public static String ctl(String... args) {
        String node = Services.rabbitmqNodeName();
        List<String> command = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("sudo", "-E"));
        }
        command.addAll(List.of("rabbitmqctl", "-n", node, "-q"));
        command.addAll(List.of(args));
        try {
            // To a file, not a pipe: a call that hangs must not leave the test blocked on a read.
            Path output = Files.createTempFile("rabbitmqctl", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
