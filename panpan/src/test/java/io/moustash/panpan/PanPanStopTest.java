package io.moustash.panpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moustash.spool.Spool;
import io.moustash.transport.redis.RedisOptions;
import io.moustash.transport.redis.RedisSettings;
import io.moustash.spool.SpoolBatch;
import io.moustash.testing.LogstashDocuments;
import io.moustash.testing.ToolJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code panpan --stdin} in its own JVM, killed by SIGTERM while it holds events. */
class PanPanStopTest {
    private static final int LINES = 20;
    @TempDir
    Path dir;

    /** A "Redis" that takes the connection and the RPUSH and never answers, so events stay in memory. */
    private static final class SilentBroker implements AutoCloseable {
        private final ServerSocket server;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        SilentBroker() throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                try (Socket client = server.accept(); InputStream in = client.getInputStream()) {
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        synchronized (received) {
                            received.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "silent-broker");
            thread.setDaemon(true);
            thread.start();
        }

        String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void sigtermMidStreamStillSpillsWhatItHoldsToTheSpool() throws Exception {
        Path spool = dir.resolve("spool");
        int brokerPort;
        try (SilentBroker broker = new SilentBroker()) {
            brokerPort = broker.server.getLocalPort();
            Path ini = Files.writeString(dir.resolve("moustash.ini"), "[moustash]\nredis_host = 127.0.0.1\nredis_port = "
                    + broker.server.getLocalPort() + "\nredis_timeout = 60\nredis_congestion_threshold = 0\n"
                    + "delivery_close_timeout = 0.5\nspool_dir = " + spool + "\n");
            try (ToolJvm panpan = ToolJvm.start(dir, PanPan.class, "-c", ini.toString(), "--stdin")) {
                OutputStream in = panpan.stdin();
                for (int i = 1; i <= LINES; i++) {
                    in.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
                in.flush(); // and stdin stays open: PanPan is mid-stream
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!broker.received().contains("RPUSH")) {
                    assertTrue(System.nanoTime() < deadline, "no RPUSH within 30 s:\n" + panpan.stderr());
                    Thread.sleep(20);
                }
                Thread.sleep(300); // the lines after the first batch reach the publisher's queue
                panpan.sigterm();
                assertEquals(143, panpan.exitStatus(Duration.ofSeconds(20)), "a one-shot killed keeps its 143:\n"
                        + panpan.stderr());
            }
        }
        assertEquals(IntStream.rangeClosed(1, LINES).mapToObj(i -> "line " + i).collect(Collectors.toCollection(TreeSet::new)),
                spooledMessages(spool, new RedisSettings("127.0.0.1", brokerPort, 0, RedisOptions.NAMESPACE.defaultValue(),
                        null, RedisSettings.DataType.LIST, null, Duration.ofSeconds(60)).destination()),
                "every line read is on disk, for the next run to deliver");
    }

    private static Set<String> spooledMessages(Path dir, String destination) {
        Set<String> messages = new TreeSet<>();
        try (Spool spool = Spool.open(dir, destination, 1L << 30, line -> { })) {
            spool.claimOrphans();
            for (SpoolBatch batch = spool.next(100, Long.MAX_VALUE); !batch.isEmpty(); batch = spool.next(100, Long.MAX_VALUE)) {
                batch.documents().forEach(d -> messages.add(LogstashDocuments.assertValid(
                        new String(d, StandardCharsets.UTF_8), "ecs").path("message").textValue()));
                spool.commit(batch);
            }
        }
        return messages;
    }
}
