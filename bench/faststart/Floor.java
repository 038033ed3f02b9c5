import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The raw-JVM floor of bench/faststart/run: a plain main that opens a socket to Redis, sends one
 * RPUSH of a small JSON document and reads the reply, nothing else. What no Java tool can beat.
 * Usage: java Floor PORT KEY
 */
public final class Floor {
    public static void main(String[] args) throws Exception {
        String key = args[1];
        String document = "{\"message\":\"x\"}";
        String command = "*3\r\n$5\r\nRPUSH\r\n$" + key.length() + "\r\n" + key + "\r\n$" + document.length() + "\r\n"
                + document + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(args[0]))) {
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                // the reply, ":N\r\n"
            }
        }
    }
}
