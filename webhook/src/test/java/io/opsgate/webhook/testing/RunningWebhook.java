package io.opsgate.webhook.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opsgate.testing.tls.TestCertificateAuthority;
import io.opsgate.webhook.WebhookConfig;
import io.opsgate.webhook.WebhookVerticle;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The webhook verticle running on free ports of 127.0.0.1 with a test certificate, and an HTTPS
 * client that trusts only the test CA, as the API server trusts only the caBundle.
 */
public final class RunningWebhook implements AutoCloseable {

    private final Vertx vertx;
    private final WebhookVerticle verticle;
    private final HttpClient http;
    private final TestCertificateAuthority ca;
    private final InMemoryCluster cluster;
    private final PrometheusMeterRegistry registry;
    private final Path tlsDir;

    private RunningWebhook(Vertx vertx, WebhookVerticle verticle, TestCertificateAuthority ca, InMemoryCluster cluster,
                           PrometheusMeterRegistry registry, Path tlsDir) {
        this.vertx = vertx;
        this.verticle = verticle;
        this.ca = ca;
        this.cluster = cluster;
        this.registry = registry;
        this.tlsDir = tlsDir;
        this.http = HttpClient.newBuilder()
                .sslContext(ca.clientContext())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Starts a webhook whose certificate lives in {@code tlsDir} and is checked every {@code reload}. */
    public static RunningWebhook start(Path tlsDir, Duration reload) throws Exception {
        TestCertificateAuthority ca = TestCertificateAuthority.create();
        ca.issue().writeTo(tlsDir);
        InMemoryCluster cluster = new InMemoryCluster();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WebhookConfig config = new WebhookConfig("127.0.0.1", 0, 0, tlsDir.resolve("tls.crt"), tlsDir.resolve("tls.key"), reload);
        Vertx vertx = Vertx.vertx();
        WebhookVerticle verticle = new WebhookVerticle(config, cluster, registry);
        vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        return new RunningWebhook(vertx, verticle, ca, cluster, registry, tlsDir);
    }

    public InMemoryCluster cluster() {
        return cluster;
    }

    public TestCertificateAuthority ca() {
        return ca;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Path tlsDir() {
        return tlsDir;
    }

    public int admissionPort() {
        return verticle.admissionPort();
    }

    /** POSTs a body to an admission path over HTTPS. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, HttpRequest.BodyPublishers.ofString(body));
    }

    public HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + admissionPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a path of the plain probes and metrics port. */
    public HttpResponse<String> getPlain(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + verticle.opsPort() + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the webhook did not stop within 30 s", e);
        }
    }
}
