package io.opsgate.engine.monitors;

import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What checks share across monitors and tenants: the HTTP client held to each tenant's egress ({@link EgressHttp},
 * certificates verified with the same trust), the trust that verifies certificates (the JVM's by default; tests
 * pass their own CA), and DNS clients on a small Vert.x instance started only when a DNS monitor exists.
 */
public final class CheckResources implements AutoCloseable {

    private final X509ExtendedTrustManager trust;
    private final EgressHttp http;
    private final EgressGate.Resolver resolver;
    private final Map<String, DnsClient> dnsClients = new ConcurrentHashMap<>();
    private Vertx vertx;

    /** @param trust the CAs that verify server certificates; null for the JVM's default trust store */
    public CheckResources(X509TrustManager trust) {
        this(trust, EgressGate.Resolver.SYSTEM);
    }

    /** @param resolver how host names resolve for the tenants' egress gates (tests give their own) */
    public CheckResources(X509TrustManager trust, EgressGate.Resolver resolver) {
        this.resolver = resolver;
        try {
            this.trust = extended(trust == null ? defaultTrust() : trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
        this.http = new EgressHttp(this.trust);
    }

    X509ExtendedTrustManager trust() {
        return trust;
    }

    EgressGate.Resolver resolver() {
        return resolver;
    }

    /** The client of HTTP and Prometheus checks. */
    EgressHttp http() {
        return http;
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
        http.close();
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
}
