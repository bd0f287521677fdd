package io.opsgate.engine.notify.callout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Stands in for the ingest route phase 2 adds: serves {@code /api/v1/callouts/<tenant>/<token>/<kind>} on
 * 127.0.0.1 and a free port by handing the POSTed form to {@link TwilioCallbacks}.
 */
final class CallbackServer implements AutoCloseable {
    private final HttpServer server;
    private volatile TwilioCallbacks callbacks;

    CallbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "callbacks");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(CallbackUrls.PREFIX, this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void serve(TwilioCallbacks c) {
        callbacks = c;
    }

    private void handle(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().substring(CallbackUrls.PREFIX.length()).split("/");
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CallbackResponse r = parts.length == 3 && "POST".equals(ex.getRequestMethod())
                ? callbacks.handle(parts[0], parts[1], parts[2], FakeTwilio.form(body),
                ex.getRequestHeaders().getFirst(TwilioSignature.HEADER))
                : new CallbackResponse(404, "text/plain", "");
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
