package io.opsgate.engine.monitors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Local peers for monitor tests, each on a free port of 127.0.0.1. */
final class LocalServers {
    private LocalServers() {
    }

    /**
     * An HTTP server: {@code /ok} 200 "hello opsgate", {@code /flip} answers {@link #flipStatus},
     * {@code /echo} the method, header X-Probe and body, {@code /slow} after 400 ms, {@code /moved} 302 to /ok.
     */
    static final class Web implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger flipStatus = new AtomicInteger(200);

        Web() throws IOException {
            this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        }

        Web(HttpServer server) {
            this.server = server;
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "test-web");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/ok", x -> send(x, 200, "hello opsgate"));
            server.createContext("/flip", x -> send(x, flipStatus.get(), "status " + flipStatus.get()));
            server.createContext("/echo", x -> send(x, 200, x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("X-Probe")
                    + " " + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            server.createContext("/slow", x -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(x, 200, "slow");
            });
            server.createContext("/moved", x -> {
                x.getResponseHeaders().add("Location", "/ok");
                send(x, 302, "");
            });
            server.start();
        }

        String url(String path) {
            String scheme = server instanceof HttpsServer ? "https" : "http";
            return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The same routes over TLS with the given server identity. */
    static Web https(SSLContext context) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(context));
        return new Web(s);
    }

    /** A port nothing listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getRequestBody().readAllBytes();
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
