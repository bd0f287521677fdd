package io.opsgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.opsgate.engine.notify.channels.Signatures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A receiver on a free port of 127.0.0.1 that records every request and answers from a script (200 when the
 * script is empty). It honours {@code Idempotency-Key} as a careful receiver would: a key already answered
 * 2xx is acknowledged again without being processed twice, so {@link #processed} is what a user saw.
 */
public final class HttpSink implements AutoCloseable {
    /** One request as received. */
    public record Received(String path, Map<String, String> headers, byte[] body, long atMillis) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public JsonNode json() {
            return Http.parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers) {
        public static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final HttpServer server;
    private final Clock clock;
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final List<Received> processed = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> answeredKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Predicate<Received> accept = r -> true;
    private volatile int otherwise = 200;

    public HttpSink(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sink");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            Received r = new Received(exchange.getRequestURI().getPath(), headers, body, clock.millis());
            requests.add(r);
            Answer a = script.poll();
            int status = a == null ? otherwise : a.status();
            if (status / 100 == 2 && !accept.test(r)) {
                status = 401;
            }
            String key = r.header("Idempotency-Key");
            if (status / 100 == 2 && (key == null || answeredKeys.putIfAbsent(key, true) == null)) {
                processed.add(r);
            }
            if (a != null) {
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            byte[] out = (status / 100 == 2 ? "ok" : "{\"error\":\"scripted " + status + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next answers, in order; afterwards {@link #otherwise}. */
    public HttpSink answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** The status answered once the script is used up (200 unless set). */
    public HttpSink otherwise(int status) {
        this.otherwise = status;
        return this;
    }

    /** Answers 401 to requests the check refuses (e.g. a wrong signature). */
    public HttpSink accept(Predicate<Received> check) {
        this.accept = check;
        return this;
    }

    /** Answers 401 to requests not signed with {@code hmacKey} ({@code X-Opsgate-Signature}, docs/notifications.md). */
    public HttpSink acceptSignedWith(String hmacKey) {
        return accept(r -> Signatures.sha256(hmacKey, r.body()).equals(r.header("X-Opsgate-Signature")));
    }

    public List<Received> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests processed: answered 2xx, and not a repeat of an idempotency key answered before. */
    public List<Received> processed() {
        return new ArrayList<>(processed);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
