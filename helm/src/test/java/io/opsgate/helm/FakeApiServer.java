package io.opsgate.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Helm's lookup function sees while the chart is rendered. helm-java renders as a dry-run
 * install, which, unlike the helm template command, asks the cluster in KUBECONFIG; so the tests
 * give it this stand-in on 127.0.0.1, which knows no Secret unless a test puts one in. Knowing none
 * is exactly what lookup returns under helm template, and so under Argo CD.
 */
final class FakeApiServer {

    private static FakeApiServer instance;

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private FakeApiServer() {
    }

    /** Starts the server once per JVM and points the KUBECONFIG the build set at it. */
    static synchronized FakeApiServer get() {
        if (instance == null) {
            String kubeconfig = System.getenv("KUBECONFIG");
            if (kubeconfig == null || kubeconfig.isBlank()) {
                throw new IllegalStateException("KUBECONFIG is not set; helm/pom.xml sets it for the tests");
            }
            FakeApiServer s = new FakeApiServer();
            s.start(Path.of(kubeconfig));
            instance = s;
        }
        return instance;
    }

    /** Serves a Secret (JSON) at namespace/name until {@link #forgetSecrets()}. */
    void putSecret(String namespace, String name, String json) {
        secrets.put(namespace + "/" + name, json);
    }

    void forgetSecrets() {
        secrets.clear();
    }

    private void start(Path kubeconfig) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(null);
            server.start();
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: fake
                        cluster: {server: "http://127.0.0.1:%d"}
                    contexts:
                      - name: fake
                        context: {cluster: fake, user: fake}
                    current-context: fake
                    users:
                      - name: fake
                        user: {token: not-a-secret}
                    """.formatted(server.getAddress().getPort()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/api/v1")) {
            reply(ex, 200, """
                    {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
                      {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret",
                       "verbs":["create","delete","get","list","patch","update","watch"]}]}""");
            return;
        }
        String[] parts = path.split("/");
        // /api/v1/namespaces/<ns>/secrets/<name>
        if (parts.length == 7 && parts[4].length() > 0 && parts[5].equals("secrets")) {
            String secret = secrets.get(parts[4] + "/" + parts[6]);
            if (secret != null) {
                reply(ex, 200, secret);
                return;
            }
        }
        reply(ex, 404, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"not found"}""");
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
