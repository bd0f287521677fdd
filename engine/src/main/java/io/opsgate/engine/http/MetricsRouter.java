package io.opsgate.engine.http;

import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.tenant.TenantRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The plain-HTTP listener of {@code --metrics-listen}: {@code /metrics}, {@code /healthz} and {@code /readyz}
 * only, so Prometheus and the probes need no client certificate while the API listener is TLS-only.
 */
public final class MetricsRouter {
    private final TenantRegistry registry;
    private final EngineMetrics metrics;

    public MetricsRouter(TenantRegistry registry, EngineMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    public Router build(Vertx vertx) {
        Router router = Router.router(vertx);
        new HealthHandlers(registry, metrics, true).routes(router);
        HealthHandlers.notFound(router);
        return router;
    }
}
