import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark targets on 127.0.0.1, all on ports 20000 to 32767, below the ephemeral range (so that a probe can never
 * connect to itself): LISTENING ports that accept and close at once, CLOSED ports nothing listens
 * on, UNRESPONSIVE listeners whose accept queue is full so the kernel drops new SYNs.
 * Writes listening.txt, closed.txt, unresponsive.txt (one port a line) to DIR, prints "ready",
 * and serves until stdin closes.
 *
 * Usage: java Targets.java LISTENING CLOSED UNRESPONSIVE DIR
 */
public class Targets {
    public static void main(String[] args) throws Exception {
        int listening = Integer.parseInt(args[0]);
        int closed = Integer.parseInt(args[1]);
        int unresponsive = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Selector selector = Selector.open();
        List<Integer> open = new ArrayList<>();
        List<Integer> shut = new ArrayList<>();
        List<Integer> silent = new ArrayList<>();
        List<Object> keep = new ArrayList<>();
        int port = 20000;
        while (open.size() < listening || shut.size() < closed || silent.size() < unresponsive) {
            if (port >= 32768) {
                throw new IllegalStateException("not enough free ports below 32768");
            }
            ServerSocketChannel server = ServerSocketChannel.open();
            try {
                if (open.size() < listening) {
                    server.bind(new InetSocketAddress(lo, port), 4096);
                    server.configureBlocking(false);
                    server.register(selector, SelectionKey.OP_ACCEPT);
                    open.add(port);
                } else if (shut.size() < closed) {
                    server.bind(new InetSocketAddress(lo, port), 1);
                    server.close();
                    shut.add(port);
                } else {
                    server.bind(new InetSocketAddress(lo, port), 1);
                    keep.add(server);
                    for (int i = 0; i < 2; i++) {
                        Socket filler = new Socket();
                        filler.connect(new InetSocketAddress(lo, port), 1000);
                        keep.add(filler);
                    }
                    silent.add(port);
                }
            } catch (IOException taken) {
                server.close();
            }
            port++;
        }
        for (int p : silent.subList(0, Math.min(3, silent.size()))) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(lo, p), 300);
                throw new IllegalStateException("port " + p + " answered; its accept queue is not full");
            } catch (SocketTimeoutException expected) {
                // the SYN was dropped: unresponsive as wanted
            }
        }
        write(dir.resolve("listening.txt"), open);
        write(dir.resolve("closed.txt"), shut);
        write(dir.resolve("unresponsive.txt"), silent);
        Thread server = new Thread(() -> serve(selector), "accept");
        server.setDaemon(true);
        server.start();
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the driver closes our stdin
        }
    }

    private static void serve(Selector selector) {
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel c;
                    while ((c = ((ServerSocketChannel) key.channel()).accept()) != null) {
                        c.close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("targets: " + e);
        }
    }

    private static void write(Path file, List<Integer> ports) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            ports.forEach(out::println);
        }
    }
}
