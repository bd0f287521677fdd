package io.opsgate.engine.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.function.Function;

/** One listener: an HTTP server on one address, serving one router. Deployed once per event loop. */
public final class HttpVerticle extends VerticleBase {
    private final String host;
    private final int port;
    private final Function<io.vertx.core.Vertx, Router> routes;
    private HttpServer server;

    public HttpVerticle(String host, int port, Function<io.vertx.core.Vertx, Router> routes) {
        this.host = host;
        this.port = port;
        this.routes = routes;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setIdleTimeout(120)
                .setCompressionSupported(false).setTcpNoDelay(true);
        return vertx.createHttpServer(options).requestHandler(routes.apply(vertx)).listen()
                .onSuccess(s -> server = s);
    }

    /** The port actually bound (useful when asked for port 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
