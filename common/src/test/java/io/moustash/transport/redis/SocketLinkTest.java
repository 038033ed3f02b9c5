package io.moustash.transport.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.moustash.testing.LogstashList;
import io.moustash.testing.LogstashRedisReader;
import io.moustash.testing.RedisFixture;
import io.moustash.transport.Transport;
import io.moustash.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the plain-socket link must get right on its own, since no library does it for it: every wait
 * bounded by the timeout, large commands written whole, the server's own words on an error reply.
 */
class SocketLinkTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Far beyond TIMEOUT: these tests check that a send returns at all, not how fast. */
    private static final Duration HANG = Duration.ofSeconds(20);
    @RegisterExtension
    static final LogstashList redis = new LogstashList();

    @Test
    void aServerThatNeverRepliesIsNoReplyWithinTheTimeout() throws Exception {
        try (ServerSocket silent = listener(); Transport transport = transportTo(silent.getLocalPort())) {
            Thread accepting = acceptAndHold(silent, false);
            TransportException e = assertTimeoutPreemptively(HANG,
                    () -> assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}")))));
            assertEquals("redis 127.0.0.1:" + silent.getLocalPort() + ": no reply within 0.5 s", e.getMessage());
            accepting.interrupt();
        }
    }

    @Test
    void aServerThatStopsReadingCannotHoldABigSendPastTheTimeout() throws Exception {
        byte[] megabyte = new byte[1 << 20];
        Arrays.fill(megabyte, (byte) 'x');
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            batch.add(megabyte);
        }
        try (ServerSocket stuck = listener(); Transport transport = transportTo(stuck.getLocalPort())) {
            Thread accepting = acceptAndHold(stuck, false);
            TransportException e = assertTimeoutPreemptively(HANG,
                    () -> assertThrows(TransportException.class, () -> transport.send(batch)));
            assertEquals("redis 127.0.0.1:" + stuck.getLocalPort() + ": no reply within 0.5 s", e.getMessage());
            accepting.interrupt();
        }
    }

    @Test
    void aListenerWhoseBacklogIsFullIsAConnectionTimeout() throws Exception {
        // The kernel drops SYNs to a listener whose accept queue is full: the connect never completes.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    SocketChannel filler = SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(full.getLocalSocketAddress());
                    fillers.add(filler);
                }
                try (Transport transport = transportTo(full.getLocalPort())) {
                    TransportException e = assertTimeoutPreemptively(HANG,
                            () -> assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}")))));
                    assertEquals("redis 127.0.0.1:" + full.getLocalPort() + ": connection timed out", e.getMessage());
                }
            } finally {
                for (SocketChannel filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void aServerThatHangsUpAfterTheCommandIsAClosedConnection() throws Exception {
        try (ServerSocket rude = listener(); Transport transport = transportTo(rude.getLocalPort())) {
            Thread accepting = acceptAndHold(rude, true);
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
            assertEquals("redis 127.0.0.1:" + rude.getLocalPort() + ": connection closed", e.getMessage());
            accepting.join(HANG.toMillis());
        }
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedNotReported() throws Exception {
        try (Transport transport = transportTo(redis.port())) {
            transport.send(List.of(bytes("{\"n\":1}")));
            // What Redis's own idle timeout or a proxy's idle cut does; the reader's connection is spared.
            assertEquals(1L, redis.reader().commands().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal()));
            transport.send(List.of(bytes("{\"n\":2}")));
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), redis.reader().drain(LogstashList.KEY));
    }

    @Test
    void aResetOfAConnectionThatHadAnsweredIsNoTlsPortHint() throws Exception {
        try (ServerSocket flaky = listener(); Transport transport = transportTo(flaky.getLocalPort())) {
            Thread serving = new Thread(() -> {
                try (Socket client = flaky.accept()) {
                    InputStream in = client.getInputStream();
                    readCommand(in);
                    client.getOutputStream().write(":1\r\n".getBytes(StandardCharsets.US_ASCII));
                    readCommand(in);
                    client.setSoLinger(true, 0);
                } catch (IOException e) {
                    // The test is over.
                }
            }, "test-redis-that-resets");
            serving.setDaemon(true);
            serving.start();
            transport.send(List.of(bytes("{}")));
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
            assertEquals("redis 127.0.0.1:" + flaky.getLocalPort() + ": Connection reset", e.getMessage());
            serving.join(HANG.toMillis());
        }
    }

    /** Reads one RPUSH of the single document {@code {}}, as this test class sends it. */
    private static void readCommand(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith("{}\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            seen.append((char) b);
        }
    }

    @Test
    void anErrorReplyIsReportedInTheServersWords() {
        redis.reader().commands().set(LogstashList.KEY, "a string, not a list");
        try (Transport transport = transportTo(redis.port())) {
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
            assertEquals("redis 127.0.0.1:" + redis.port()
                    + ": WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
        } finally {
            redis.reader().commands().del(LogstashList.KEY);
        }
    }

    @Test
    void aPasswordForAServerWithoutOneSaysSo() {
        RedisSettings settings = new RedisSettings("127.0.0.1", redis.port(), 0, LogstashList.KEY, "pw",
                RedisSettings.DataType.LIST, null, TIMEOUT);
        try (Transport transport = new RedisTransport(settings)) {
            TransportException e = assertThrows(TransportException.class, () -> transport.send(List.of(bytes("{}"))));
            assertEquals("redis 127.0.0.1:" + redis.port() + ": redis_password is set but the server has no password",
                    e.getMessage());
        }
    }

    @Test
    void anAclUserFromTheUrlIsUsed() throws Exception {
        try (RedisFixture acl = RedisFixture.running("user moustash on >pw-of-moustash ~* &* +@all")) {
            RedisSettings settings = new RedisSettings("unused", 1, 0, LogstashList.KEY, null, RedisSettings.DataType.LIST,
                    "redis://moustash:pw-of-moustash@127.0.0.1:" + acl.port(), TIMEOUT);
            try (Transport transport = new RedisTransport(settings)) {
                transport.send(List.of(bytes("{\"user\":\"moustash\"}")));
            }
            try (LogstashRedisReader reader = new LogstashRedisReader(acl.url())) {
                assertEquals(List.of("{\"user\":\"moustash\"}"), reader.drain(LogstashList.KEY));
            }
        }
    }

    @Test
    void aMegabyteDocumentAndABatchLargerThanTheBufferArriveWhole() throws Exception {
        String big = "{\"message\":\"" + "é".repeat(512 * 1024) + "\"}";
        List<byte[]> batch = new ArrayList<>();
        batch.add(bytes(big));
        for (int i = 0; i < 20_000; i++) {
            batch.add(bytes("{\"n\":" + i + "}"));
        }
        try (Transport transport = transportTo(redis.port())) {
            transport.send(batch);
        }
        List<String> received = redis.reader().await(LogstashList.KEY, batch.size(), Duration.ofSeconds(10));
        assertEquals(batch.size(), received.size());
        assertEquals(big, received.get(0));
        assertEquals("{\"n\":19999}", received.get(batch.size() - 1));
    }

    private static Transport transportTo(int port) {
        return new RedisTransport(new RedisSettings("127.0.0.1", port, 0, LogstashList.KEY, null,
                RedisSettings.DataType.LIST, null, TIMEOUT));
    }

    private static ServerSocket listener() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    /**
     * Accepts one connection and never answers it; with {@code hangUp}, reads the first command
     * and closes instead. Never reads otherwise, so a large send fills the socket buffers.
     */
    private static Thread acceptAndHold(ServerSocket server, boolean hangUp) {
        Thread thread = new Thread(() -> {
            try (Socket client = server.accept()) {
                if (hangUp) {
                    InputStream in = client.getInputStream();
                    byte[] command = new byte[256];
                    int read = 0;
                    while (read < 4 || !new String(command, 0, read, StandardCharsets.US_ASCII).endsWith("{}\r\n")) {
                        int n = in.read(command, read, command.length - read);
                        if (n < 0) {
                            return;
                        }
                        read += n;
                    }
                    return;
                }
                Thread.sleep(HANG.toMillis());
            } catch (IOException | InterruptedException e) {
                // The test is over.
            }
        }, "test-redis-that-does-not-answer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
