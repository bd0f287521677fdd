package io.opsgate.engine.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;

import java.util.function.Function;

/** One listener: an HTTP server on one address, serving one router. Deployed once per event loop. */
public final class HttpVerticle extends VerticleBase {
    private final String host;
    private final int port;
    private final Function<io.vertx.core.Vertx, Router> routes;
    private final KeyCertOptions tls;
    private HttpServer server;

    public HttpVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes) {
        this(host, port, routes, null);
    }

    /** A listener serving HTTPS only with {@code tls}, or plain HTTP when it is null. */
    public HttpVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes, KeyCertOptions tls) {
        this.host = host;
        this.port = port;
        this.routes = routes;
        this.tls = tls;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setIdleTimeout(120)
                .setCompressionSupported(false).setTcpNoDelay(true);
        if (tls != null) {
            options.setSsl(true).setKeyCertOptions(tls);
        }
        return vertx.createHttpServer(options).requestHandler(routes.apply(vertx)).listen()
                .onSuccess(s -> server = s);
    }

    /** Replaces the certificate for new connections; open connections keep theirs. */
    public Future<Boolean> updateKeyCert(KeyCertOptions next) {
        return server.updateSSLOptions(new ServerSSLOptions().setKeyCertOptions(next));
    }

    /** The port actually bound (useful when asked for port 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
