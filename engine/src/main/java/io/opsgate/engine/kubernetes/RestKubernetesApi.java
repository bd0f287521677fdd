package io.opsgate.engine.kubernetes;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@link KubernetesApi} on the JDK HTTP client, authenticated with a bearer token. In a pod it uses
 * the service account's token and CA from {@code /var/run/secrets/kubernetes.io/serviceaccount}
 * (the ingest ServiceAccount mounts them; docs/architecture.md, "Contracts"), the token re-read as
 * the kubelet rotates it.
 */
public final class RestKubernetesApi implements KubernetesApi {

    /** Where Kubernetes mounts a pod's service account credentials. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Supplier<String> token;
    private final HttpClient client;

    public RestKubernetesApi(URI base, Supplier<String> token, SSLContext ssl) {
        this.base = base;
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.client = b.build();
    }

    /**
     * The API of the cluster this process runs in: from {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} and the
     * mounted service account. Empty outside a pod or when the pod has no token (automount off).
     */
    public static Optional<KubernetesApi> inCluster(Map<String, String> env, Path serviceAccountDir) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        Path tokenFile = serviceAccountDir.resolve("token");
        Path caFile = serviceAccountDir.resolve("ca.crt");
        if (host == null || host.isBlank() || !Files.isReadable(tokenFile) || !Files.isReadable(caFile)) {
            return Optional.empty();
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        try {
            return Optional.of(new RestKubernetesApi(URI.create("https://" + h + ":" + port),
                    new ServiceAccountToken(tokenFile), sslTrusting(caFile)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the service account CA " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context that trusts exactly the certificates of a PEM file (the cluster CA). */
    static SSLContext sslTrusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    @Override
    public CompletableFuture<Response> send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path).timeout(REQUEST_TIMEOUT);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }

    @Override
    public LineStream watch(String path) throws IOException {
        HttpResponse<InputStream> r;
        try {
            r = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() != 200) {
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            }
            throw new IOException("watch " + path + " answered " + r.statusCode() + ": " + text);
        }
        InputStream in = r.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new LineStream() {
            @Override
            public String readLine() throws IOException {
                return reader.readLine();
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    // closing to stop a reader; nothing left to do
                }
            }
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/json");
    }

    @Override
    public void close() {
        // The JDK client releases its threads when it is no longer referenced.
    }
}
