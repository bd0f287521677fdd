package io.opsgate.engine.support;

import io.opsgate.engine.app.EngineServer;

/**
 * The tenants' meters, as Prometheus scrapes them: from the plain metrics listener only (the API listener's
 * /metrics shows no tenant).
 */
public final class Metrics {
    private Metrics() {
    }

    /** The exposition of a server started with {@code --metrics-listen} ({@link Standalone#options} does). */
    public static String of(EngineServer server) {
        if (server.metricsPort() <= 0) {
            throw new IllegalStateException("the engine was started without --metrics-listen");
        }
        return of(server.metricsPort());
    }

    public static String of(int metricsPort) {
        return new Http("http://127.0.0.1:" + metricsPort).get("/metrics", null).body();
    }
}
