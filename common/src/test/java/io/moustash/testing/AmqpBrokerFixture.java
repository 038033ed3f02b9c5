package io.moustash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.qpid.server.SystemLauncher;

/**
 * An AMQP 0-9-1 broker in the test JVM: Apache Qpid Broker-J with an in-memory store, one
 * listener on a free port of 127.0.0.1, user guest/guest, virtual host {@code default} (also
 * reached as {@code /}). Stop and start it again on the same port to play a broker restart.
 */
public final class AmqpBrokerFixture implements AutoCloseable {
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    static {
        // Qpid logs through SLF4J (simple here); its start-up chatter would drown the test output.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.qpid", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.qpid", "warn");
    }

    private final int port;
    private final Path workDir;
    private SystemLauncher launcher;

    private AmqpBrokerFixture(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    public static AmqpBrokerFixture running() {
        try {
            AmqpBrokerFixture fixture = new AmqpBrokerFixture(RedisFixture.freePort(),
                    Files.createTempDirectory("moustash-qpid"));
            fixture.start();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() {
        URL config = AmqpBrokerFixture.class.getResource("qpid-config.json");
        Map<String, Object> context = new HashMap<>();
        context.put("qpid.amqp_port", String.valueOf(port));
        context.put("qpid.work_dir", workDir.toString());
        context.put("qpid.home_dir", workDir.toString());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);
        launcher = new SystemLauncher();
        try {
            launcher.startup(attributes);
        } catch (Exception e) {
            throw new IllegalStateException("Qpid Broker-J did not start: " + e, e);
        }
    }

    public synchronized void stop() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
        }
    }

    public int port() {
        return port;
    }

    /** amqp://guest:guest@127.0.0.1:port/%2F */
    public String url() {
        return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/%2F";
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
