package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opsgate.operator.tenant.model.Workload;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A tenant workload's internal security API as docs/architecture.md specifies it, served over HTTPS on
 * 127.0.0.1 with a certificate of the tenant CA. Records every call, and what {@code atPurge} observed
 * at the moment of each purge.
 */
final class FakeEngine implements AutoCloseable {

    /** One call: method, path, query, body, whether the bearer token was right, and the purge-time observation. */
    record Call(String method, String path, String query, JsonNode body, boolean authorized, String observed) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The access log as ingest would report it: entry number to hash, oldest first (ingest only). */
    private final java.util.NavigableMap<Long, String> accessLog = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final HttpsServer server;
    private final Workload workload;

    /**
     * @param token   the internal token the requests must carry
     * @param atPurge what to observe (in the cluster) when a purge arrives
     */
    FakeEngine(Workload workload, TenantCertificates.ServerCertificate cert, Supplier<String> token,
               Supplier<String> atPurge) throws Exception {
        this.workload = workload;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("engine", TenantCertificates.parsePrivateKey(cert.keyPem()), new char[0],
                new Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/internal/v1/", exchange -> handle(exchange, token, atPurge));
        server.start();
        appendAccessLog(3);
    }

    /** Ingest writes {@code n} more access-log entries. */
    void appendAccessLog(int n) {
        for (int i = 0; i < n; i++) {
            long seq = accessLog.isEmpty() ? 1 : accessLog.lastKey() + 1;
            accessLog.put(seq, String.format("%064x", seq * 7919));
        }
    }

    /** Someone cuts the last {@code n} entries off ingest's access log. */
    void cutAccessLog(int n) {
        for (int i = 0; i < n; i++) {
            accessLog.pollLastEntry();
        }
    }

    /**
     * The accessLog part of ingest's evidence, as the engine verifies it: against {@code checkpoint} (the operator's
     * query) when given.
     */
    private String accessLogEvidence(String query) {
        if (workload != Workload.INGEST) {
            return "null";
        }
        java.util.Map.Entry<Long, String> head = accessLog.lastEntry();
        String echo = "null";
        String problem = "null";
        boolean ok = true;
        String given = query == null ? null : java.util.Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("checkpoint=")).map(p -> p.substring("checkpoint=".length())).findFirst().orElse(null);
        if (given != null) {
            long seq = Long.parseLong(given.substring(0, given.indexOf(':')));
            String hash = given.substring(given.indexOf(':') + 1);
            boolean held = hash.equals(accessLog.get(seq));
            ok = held;
            echo = "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\",\"verified\":" + held + "}";
            problem = held ? "null" : "\"the log ends at entry " + head.getKey() + " but entry " + seq + " was recorded\"";
        }
        return "{\"entries\":" + accessLog.size() + ",\"headSeq\":" + head.getKey() + ",\"headHash\":\"" + head.getValue()
                + "\",\"anchorSeq\":0,\"anchor\":\"" + "0".repeat(64) + "\",\"keyed\":true,\"chainVerified\":" + ok
                + ",\"problem\":" + problem + ",\"checkpoint\":" + echo + "}";
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex, Supplier<String> token, Supplier<String> atPurge) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode json = body.isBlank() ? EngineClient.JSON.missingNode() : EngineClient.JSON.readTree(body);
        boolean authorized = ("Bearer " + token.get()).equals(ex.getRequestHeaders().getFirst("Authorization"));
        String path = ex.getRequestURI().getPath();
        String observed = path.equals(EngineClient.PURGE_PATH) ? atPurge.get() : null;
        calls.add(new Call(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), json, authorized, observed));
        if (!authorized) {
            respond(ex, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        String tenant = json.path("tenant").asText("acme");
        switch (path) {
            case EngineClient.PURGE_PATH -> respond(ex, 200, "{\"tenant\":\"" + tenant + "\",\"component\":\""
                    + workload.component() + "\",\"storeDeleted\":true,\"keysDestroyed\":true,\"logsDeleted\":true,"
                    + "\"bytesRemoved\":4096,\"verifiedAt\":\"2026-11-26T04:00:00Z\"}");
            case EngineClient.NOTICES_PATH -> respond(ex, 202, "{\"queued\":true,\"channel\":\"sec-mail\"}");
            case EngineClient.SECURITY_PATH -> respond(ex, 200, "{\"tenant\":\"acme\",\"component\":\"" + workload.component()
                    + "\",\"time\":\"2026-11-26T04:00:00Z\",\"tls\":{\"enabled\":true,\"metricsPlain\":true},"
                    + "\"dataKey\":{\"id\":\"3f1c\",\"createdAt\":\"2026-11-20T00:00:00Z\",\"rotatedAt\":\"2026-11-20T00:00:00Z\","
                    + "\"rotationPeriod\":\"90d\",\"kekId\":\"20261101T000000Z\",\"kekProvider\":\"file\"},"
                    + "\"accessLog\":" + accessLogEvidence(ex.getRequestURI().getRawQuery()) + "}");
            default -> respond(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
