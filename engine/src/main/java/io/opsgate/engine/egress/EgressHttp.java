package io.opsgate.engine.egress;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP(S) to a tenant's destinations (HTTP and Prometheus monitors, webhook, Slack, Teams and PagerDuty channels),
 * held to the tenant's egress: the host is resolved and checked by its {@link EgressGate}, and the connection goes
 * to that checked address (Vert.x's {@code server} option) while the Host header, SNI and the certificate check use
 * the name. Redirects are followed only when asked, at most {@link #MAX_REDIRECTS}, each target resolved and checked
 * again; connections are never reused, so no request rides on a connection another tenant's policy opened. The body
 * kept is bounded. One small event loop serves every tenant; names resolve on a few threads of its own.
 */
public final class EgressHttp implements AutoCloseable {
    public static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /**
     * One request.
     *
     * @param headers         request headers as given (validated where they come from)
     * @param body            the body, or null for none
     * @param timeout         for the whole exchange, redirects included
     * @param maxBody         bytes of the answer kept; the rest is cut off
     * @param followRedirects whether 3xx with a Location is followed
     * @param insecure        whether any server certificate is accepted (a monitor's insecureSkipVerify)
     */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout, int maxBody,
                          boolean followRedirects, boolean insecure) {
    }

    /**
     * An answer.
     *
     * @param headers  the first value of each header, names in lower case
     * @param body     up to the request's maxBody bytes
     * @param peer     the server's certificate chain for https, else empty
     * @param uri      where the answer came from (after redirects)
     */
    public record Response(int status, Map<String, String> headers, byte[] body, List<X509Certificate> peer, URI uri) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Vertx vertx;
    private final HttpClient verified;
    private final HttpClient trustingAll;
    private final ExecutorService resolving;

    /** @param trust the CAs that verify server certificates; null for the JVM's default trust store */
    public EgressHttp(X509TrustManager trust) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(false));
        HttpClientOptions common = new HttpClientOptions().setKeepAlive(false).setForceSni(true)
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setDecompressionSupported(false);
        HttpClientOptions checking = new HttpClientOptions(common).setVerifyHost(true);
        if (trust != null) {
            checking.setTrustOptions(TrustOptions.wrap(trust));
        }
        this.verified = vertx.createHttpClient(checking);
        this.trustingAll = vertx.createHttpClient(new HttpClientOptions(common).setTrustAll(true).setVerifyHost(false));
        AtomicInteger n = new AtomicInteger();
        this.resolving = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "egress-resolve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Sends the request within its timeout; fails with {@link EgressRefusedException} where the gate refuses. */
    public CompletableFuture<Response> send(Request request, EgressGate gate) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        return hop(request, gate, deadline, 0);
    }

    private CompletableFuture<Response> hop(Request request, EgressGate gate, long deadline, int hops) {
        URI uri = request.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return CompletableFuture.failedFuture(new IOException(
                    (hops == 0 ? "" : "a redirect to ") + "\"" + uri + "\" is not an http or https URL with a host"));
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost();
        CompletableFuture<InetAddress> resolved = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.resolve(host, port);
            } catch (EgressRefusedException e) {
                throw new java.util.concurrent.CompletionException(hops == 0 ? e
                        : new EgressRefusedException("redirect to " + uri + " refused: " + e.getMessage()));
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, resolving);
        return resolved.thenCompose(address -> exchange(request, host, port, https, address, deadline))
                .thenCompose(response -> {
                    String location = response.header("location");
                    if (!request.followRedirects() || !REDIRECTS.contains(response.status()) || location == null) {
                        return CompletableFuture.completedFuture(response);
                    }
                    if (hops >= MAX_REDIRECTS) {
                        return CompletableFuture.failedFuture(new IOException("more than " + MAX_REDIRECTS + " redirects"));
                    }
                    URI next;
                    try {
                        next = uri.resolve(location.trim());
                    } catch (IllegalArgumentException e) {
                        return CompletableFuture.failedFuture(new IOException("a redirect to an invalid URL"));
                    }
                    boolean toGet = response.status() == 303
                            || (response.status() <= 302 && "POST".equalsIgnoreCase(request.method()));
                    Request again = new Request(toGet ? "GET" : request.method(), next, request.headers(),
                            toGet ? null : request.body(), request.timeout(), request.maxBody(), true, request.insecure());
                    return hop(again, gate, deadline, hops + 1);
                });
    }

    private CompletableFuture<Response> exchange(Request request, String host, int port, boolean https,
                                                 InetAddress address, long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return CompletableFuture.failedFuture(new TimeoutException("no answer within the timeout"));
        }
        URI uri = request.uri();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                .setHost(host).setPort(port).setSsl(https).setURI(path)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setConnectTimeout(left).setIdleTimeout(left).setFollowRedirects(false);
        request.headers().forEach(options::addHeader);
        HttpClient client = request.insecure() ? trustingAll : verified;
        CompletableFuture<Response> result = new CompletableFuture<>();
        client.request(options)
                .compose(req -> {
                    long timer = vertx.setTimer(left, t -> req.reset(0, new TimeoutException("no answer within the timeout")));
                    Future<HttpClientResponse> sent = request.body() == null ? req.send() : req.send(Buffer.buffer(request.body()));
                    return sent.compose(resp -> read(resp, request.maxBody())).onComplete(r -> vertx.cancelTimer(timer));
                })
                .onSuccess(result::complete)
                .onFailure(result::completeExceptionally);
        return result;
    }

    private static Future<Response> read(HttpClientResponse resp, int maxBody) {
        Promise<Response> done = Promise.promise();
        Buffer body = Buffer.buffer();
        Map<String, String> headers = new LinkedHashMap<>();
        resp.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        List<X509Certificate> peer = peer(resp);
        URI from = URI.create(resp.request().absoluteURI());
        resp.handler(chunk -> {
            int room = maxBody - body.length();
            if (room > 0) {
                body.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
            } else if (!done.future().isComplete()) {
                // Enough read: the rest is not waited for, and the connection goes.
                done.tryComplete(new Response(resp.statusCode(), headers, body.getBytes(), peer, from));
                resp.request().reset();
            }
        });
        resp.endHandler(v -> done.tryComplete(new Response(resp.statusCode(), headers, body.getBytes(), peer, from)));
        resp.exceptionHandler(done::tryFail);
        return done.future();
    }

    private static List<X509Certificate> peer(HttpClientResponse resp) {
        if (!resp.request().connection().isSsl()) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : resp.request().connection().peerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        resolving.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
