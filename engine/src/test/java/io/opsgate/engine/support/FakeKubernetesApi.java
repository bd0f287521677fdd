package io.opsgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Kubernetes API, just the calls the engine makes: create, list and watch
 * OpsJobRuns of a namespace, and merge-patch Monitor status. It checks the bearer token and records
 * every request, so tests assert what the engine sent.
 */
public final class FakeKubernetesApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNS = "/apis/opsgate.io/v1alpha1/namespaces/";

    /** One request as received. */
    public record Request(String method, String path, String query, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final String token;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> runs = new LinkedHashMap<>();
    private final List<BlockingQueue<String>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong(100);

    public FakeKubernetesApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-kube-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method whose path ends with {@code suffix}. */
    public List<Request> requests(String method, String suffix) {
        return requests.stream().filter(r -> r.method.equals(method) && r.path.endsWith(suffix)).toList();
    }

    /** Adds or replaces a run as a controller would (e.g. with a Failed status) and tells the watchers. */
    public synchronized void putRun(String namespace, ObjectNode run) {
        String name = run.path("metadata").path("name").asText();
        boolean existed = runs.containsKey(namespace + "/" + name);
        ObjectNode meta = (ObjectNode) run.path("metadata");
        meta.put("namespace", namespace);
        meta.put("resourceVersion", Long.toString(version.incrementAndGet()));
        if (!meta.has("creationTimestamp")) {
            meta.put("creationTimestamp", Instant.now().toString());
        }
        runs.put(namespace + "/" + name, run);
        event(existed ? "MODIFIED" : "ADDED", run);
    }

    public synchronized List<ObjectNode> runs() {
        return new ArrayList<>(runs.values());
    }

    private void event(String type, ObjectNode object) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type);
        e.set("object", object.deepCopy());
        String line = e.toString();
        watchers.forEach(q -> q.add(line));
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = x.getRequestURI().getPath();
        String query = x.getRequestURI().getQuery();
        requests.add(new Request(x.getRequestMethod(), path, query, x.getRequestHeaders().getFirst("Content-Type"), body));
        if (!("Bearer " + token).equals(x.getRequestHeaders().getFirst("Authorization"))) {
            send(x, 401, "{\"kind\":\"Status\",\"code\":401}");
            return;
        }
        if (path.startsWith(RUNS) && path.endsWith("/opsjobruns")) {
            String ns = path.substring(RUNS.length(), path.length() - "/opsjobruns".length());
            switch (x.getRequestMethod()) {
                case "POST" -> create(x, ns, body);
                case "GET" -> {
                    if (query != null && query.contains("watch=1")) {
                        watch(x);
                    } else {
                        list(x, ns);
                    }
                }
                default -> send(x, 405, "{}");
            }
            return;
        }
        if (x.getRequestMethod().equals("PATCH") && (path.contains("/monitors/") || path.contains("/alertrules/"))
                && path.endsWith("/status")) {
            send(x, 200, body);
            return;
        }
        send(x, 404, "{\"kind\":\"Status\",\"code\":404}");
    }

    private void create(HttpExchange x, String ns, String body) throws IOException {
        ObjectNode run = (ObjectNode) JSON.readTree(body);
        String name = run.path("metadata").path("name").asText();
        synchronized (this) {
            if (runs.containsKey(ns + "/" + name)) {
                send(x, 409, "{\"kind\":\"Status\",\"reason\":\"AlreadyExists\",\"code\":409}");
                return;
            }
            putRun(ns, run);
        }
        send(x, 201, run.toString());
    }

    private void list(HttpExchange x, String ns) throws IOException {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "OpsJobRunList");
        list.putObject("metadata").put("resourceVersion", Long.toString(version.get()));
        ArrayNode items = list.putArray("items");
        synchronized (this) {
            runs.forEach((k, v) -> {
                if (k.startsWith(ns + "/")) {
                    items.add(v.deepCopy());
                }
            });
        }
        send(x, 200, list.toString());
    }

    private void watch(HttpExchange x) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        watchers.add(queue);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = x.getResponseBody()) {
            while (true) {
                String line = queue.poll(30, TimeUnit.SECONDS);
                if (line == null) {
                    return;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the engine closed its watch
        } finally {
            watchers.remove(queue);
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
