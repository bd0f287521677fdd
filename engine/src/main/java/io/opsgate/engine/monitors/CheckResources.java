package io.opsgate.engine.monitors;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What checks share across monitors and tenants: four HTTP clients (redirects on or off, certificates
 * verified or not), the trust that verifies certificates (the JVM's by default; tests pass their own
 * CA), and DNS clients on a small Vert.x instance started only when a DNS monitor exists.
 */
public final class CheckResources implements AutoCloseable {

    private final X509ExtendedTrustManager trust;
    private final SSLContext verified;
    private final SSLContext trustingAll;
    private final Map<String, HttpClient> httpClients = new ConcurrentHashMap<>();
    private final Map<String, DnsClient> dnsClients = new ConcurrentHashMap<>();
    private Vertx vertx;

    /** @param trust the CAs that verify server certificates; null for the JVM's default trust store */
    public CheckResources(X509TrustManager trust) {
        try {
            this.trust = extended(trust == null ? defaultTrust() : trust);
            this.verified = context(this.trust);
            this.trustingAll = context(new TrustingAll());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    X509ExtendedTrustManager trust() {
        return trust;
    }

    /** A client for HTTP checks; {@code insecure} accepts any certificate (the expiry check still applies). */
    HttpClient http(boolean followRedirects, boolean insecure) {
        return httpClients.computeIfAbsent(followRedirects + "/" + insecure, k -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .sslContext(insecure ? trustingAll : verified)
                .connectTimeout(Duration.ofSeconds(30))
                .build());
    }

    /** A DNS client asking {@code host:port}, or the system's resolver when {@code host} is null. */
    synchronized DnsClient dns(String host, int port, long timeoutMillis) {
        if (vertx == null) {
            vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1).setPreferNativeTransport(false));
        }
        return dnsClients.computeIfAbsent(host + ":" + port + "/" + timeoutMillis, k -> {
            DnsClientOptions options = new DnsClientOptions().setQueryTimeout(timeoutMillis).setRecursionDesired(true);
            if (host != null) {
                options.setHost(host).setPort(port);
            }
            return vertx.createDnsClient(options);
        });
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
            vertx = null;
        }
    }

    private static X509TrustManager defaultTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static X509ExtendedTrustManager extended(X509TrustManager tm) throws GeneralSecurityException {
        if (tm instanceof X509ExtendedTrustManager x) {
            return x;
        }
        // A plain trust manager would skip host name verification; only extended ones do it.
        throw new GeneralSecurityException("the trust manager must be an X509ExtendedTrustManager");
    }

    private static SSLContext context(TrustManager tm) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[]{tm}, null);
        return ctx;
    }

    /** For insecureSkipVerify: accepts every chain and every host name. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
