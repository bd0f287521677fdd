package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

/**
 * Calls a tenant workload's internal API over HTTPS, trusting only the tenant's CA and presenting the
 * internal token (Secret opsgate-internal). One client per call site: the trust differs per tenant.
 */
public final class EngineClient {

    public static final String PURGE_PATH = "/internal/v1/purge";
    public static final String NOTICES_PATH = "/internal/v1/notices";
    public static final String SECURITY_PATH = "/internal/v1/security";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String token;

    /** An answer: the HTTP status and the JSON body (a missing node when the body is not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * @param caPem the tenant CA (ca.crt of the TLS Secret) the workloads' certificates chain to
     * @param token the internal token
     */
    public EngineClient(String caPem, String token) {
        this.token = token;
        this.http = HttpClient.newBuilder()
                .sslContext(trusting(caPem))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public Answer post(URI base, String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Answer get(URI base, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.missingNode();
        }
        return new Answer(response.statusCode(), body);
    }

    private static SSLContext trusting(String caPem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("tenant-ca", TenantCertificates.parseCertificate(caPem));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the tenant CA cannot be used: " + e.getMessage(), e);
        }
    }
}
