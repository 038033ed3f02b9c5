package io.moustash.cuir.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * HTTP and HTTPS servers of the JDK (com.sun.net.httpserver) on 127.0.0.1 (or ::1), opened by a test and
 * closed with it. Every server answers the same paths:
 * <ul>
 * <li>{@code /}: 200, {@code hello from moustash}</li>
 * <li>{@code /status/NNN}: that status</li>
 * <li>{@code /json}: a health document, {@link #HEALTH}</li>
 * <li>{@code /headers}: the request's headers, one {@code Name: value} per line; {@code /method}: its method</li>
 * <li>{@code /redirect/N}: 302 to {@code /redirect/N-1}, and {@code /redirect/0} to {@code /}; {@code /loop} to itself;
 * {@code /away?URL}: 302 to URL</li>
 * <li>{@code /slow}: answers after 5 s; {@code /big}: 100 KiB of {@code x} then {@code needle}</li>
 * </ul>
 */
public final class HttpTargets implements AutoCloseable {
    public static final String HEALTH = "{\"status\":\"ok\",\"queue\":{\"depth\":1500},\"version\":\"2.4.1\","
            + "\"nodes\":[{\"state\":\"up\"},{\"state\":\"draining\"}],\"healthy\":true,\"note\":null}";

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "http-target");
        t.setDaemon(true);
        return t;
    });

    /** A plain HTTP server; its port. */
    public int http() {
        return http(InetAddress.getLoopbackAddress());
    }

    /** A plain HTTP server on {@code address} (::1 for IPv6); its port. */
    public int http(InetAddress address) {
        try {
            return start(HttpServer.create(new InetSocketAddress(address, 0), 50));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server with {@code context}'s certificate, requiring a client certificate when {@code needClient}. */
    public int https(SSLContext context, boolean needClient) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(needClient);
                    params.setSSLParameters(parameters);
                }
            });
            return start(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int start(HttpServer server) {
        server.createContext("/", this::answer);
        server.setExecutor(handlers);
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.startsWith("/status/")) {
                reply(exchange, Integer.parseInt(path.substring(8)), "status " + path.substring(8));
            } else if (path.equals("/json")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                reply(exchange, 200, HEALTH);
            } else if (path.equals("/headers")) {
                StringBuilder body = new StringBuilder();
                exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> body.append(name).append(": ").append(v).append('\n')));
                reply(exchange, 200, body.toString());
            } else if (path.equals("/method")) {
                reply(exchange, 200, exchange.getRequestMethod());
            } else if (path.startsWith("/redirect/")) {
                int n = Integer.parseInt(path.substring(10));
                exchange.getResponseHeaders().set("Location", n == 0 ? "/" : "/redirect/" + (n - 1));
                reply(exchange, 302, "");
            } else if (path.equals("/away")) {
                exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawQuery());
                reply(exchange, 302, "");
            } else if (path.equals("/loop")) {
                exchange.getResponseHeaders().set("Location", "/loop");
                reply(exchange, 302, "");
            } else if (path.equals("/slow")) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                reply(exchange, 200, "late");
            } else if (path.equals("/big")) {
                reply(exchange, 200, "x".repeat(100 * 1024) + "needle");
            } else if (path.equals("/")) {
                reply(exchange, 200, "hello from moustash");
            } else {
                reply(exchange, 404, "not found");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        servers.clear();
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
