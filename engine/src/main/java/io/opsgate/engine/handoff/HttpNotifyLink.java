package io.opsgate.engine.handoff;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.store.RecordCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Ingest's client of notify's internal API ({@code OPSGATE_NOTIFY_URL}), authenticated with the internal
 * token: {@code POST /internal/v1/notifications}, {@code GET /internal/v1/reports} and
 * {@code PUT /internal/v1/credentials}.
 */
public final class HttpNotifyLink implements NotifyLink {
    private static final TypeReference<List<DeliveryReport>> REPORTS = new TypeReference<>() {
    };

    private final URI base;
    private final InternalToken token;
    private final HttpClient client;

    public HttpNotifyLink(URI base, InternalToken token) {
        this(base, token, null);
    }

    /** Over HTTPS trusting {@code tls} (built from ca.crt), or the JVM's default trust when it is null. */
    public HttpNotifyLink(URI base, InternalToken token, javax.net.ssl.SSLContext tls) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
    }

    @Override
    public CompletableFuture<Void> hand(String tenant, String origin, List<byte[]> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 * entries.size() + 128);
        try {
            String head = "{\"tenant\":" + quote(tenant) + ",\"origin\":" + quote(origin) + ",\"notifications\":[";
            body.write(head.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    body.write(',');
                }
                body.write(entries.get(i));
            }
            body.write("]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request;
        try {
            request = authorized(HttpRequest.newBuilder(base.resolve("internal/v1/notifications")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("notify answered " + r.statusCode() + ": " + r.body());
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<List<DeliveryReport>> reports(String tenant, long after, int limit) {
        HttpRequest request;
        try {
            request = authorized(HttpRequest.newBuilder(base.resolve("internal/v1/reports?tenant="
                    + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "&after=" + after + "&limit=" + limit)))
                    .GET().build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException("notify answered " + r.statusCode() + " for reports");
            }
            try {
                JsonNode root = RecordCodec.mapper().readTree(r.body());
                return RecordCodec.mapper().convertValue(root.path("reports"), REPORTS);
            } catch (IOException e) {
                throw new IllegalStateException("notify's reports are not JSON", e);
            }
        });
    }

    @Override
    public CompletableFuture<Void> credentials(String tenant, Map<String, Map<String, String>> credentials) {
        HttpRequest request;
        try {
            byte[] body = RecordCodec.encode(Map.of("tenant", tenant, "credentials", credentials));
            request = authorized(HttpRequest.newBuilder(base.resolve("internal/v1/credentials")))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("notify answered " + r.statusCode() + " for the credentials");
            }
            return null;
        });
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) throws IOException {
        return b.timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token.value());
    }

    private static String quote(String s) {
        return new String(RecordCodec.encode(s), StandardCharsets.UTF_8);
    }
}
