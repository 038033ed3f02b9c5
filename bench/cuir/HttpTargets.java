import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP benchmark targets on 127.0.0.1, on ports from 17000 up (below the ephemeral range and the
 * ports Targets.java takes): each answers every request with a small 200 and closes, on one
 * selector thread. Writes http.txt (one port a line) to DIR, prints "ready", serves until stdin
 * closes.
 *
 * Usage: java HttpTargets.java COUNT DIR
 */
public class HttpTargets {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            + "Connection: close\r\n\r\nok\n").getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Selector selector = Selector.open();
        List<Integer> ports = new ArrayList<>();
        for (int port = 17000; ports.size() < count; port++) {
            if (port >= 20000) {
                throw new IllegalStateException("not enough free ports from 17000 to 19999");
            }
            ServerSocketChannel server = ServerSocketChannel.open();
            try {
                server.bind(new InetSocketAddress(lo, port), 1024);
            } catch (IOException busy) {
                server.close();
                continue;
            }
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            ports.add(port);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("http.txt")))) {
            ports.forEach(out::println);
        }
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the benchmark closes our stdin
                }
            } catch (IOException e) {
                // gone
            }
            System.exit(0);
        });
        watcher.setDaemon(true);
        watcher.start();
        System.out.println("ready");
        System.out.flush();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                try {
                    if (key.isAcceptable()) {
                        SocketChannel client = ((ServerSocketChannel) key.channel()).accept();
                        if (client != null) {
                            client.configureBlocking(false);
                            client.register(selector, SelectionKey.OP_READ, new StringBuilder());
                        }
                    } else if (key.isReadable()) {
                        SocketChannel client = (SocketChannel) key.channel();
                        StringBuilder request = (StringBuilder) key.attachment();
                        buffer.clear();
                        int n = client.read(buffer);
                        if (n > 0) {
                            request.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                        }
                        if (request.indexOf("\r\n\r\n") >= 0) {
                            // The response fits in the socket's send buffer: one write, then close.
                            client.write(ByteBuffer.wrap(RESPONSE));
                            key.cancel();
                            client.close();
                        } else if (n < 0) {
                            key.cancel();
                            client.close();
                        }
                    }
                } catch (IOException e) {
                    key.cancel();
                    key.channel().close();
                }
            }
            selector.selectedKeys().clear();
        }
    }
}
