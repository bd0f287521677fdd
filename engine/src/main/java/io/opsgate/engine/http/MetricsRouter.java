package io.opsgate.engine.http;

import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.metrics.EngineMetrics;
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
        HealthHandlers health = new HealthHandlers(registry, metrics);
        router.get("/healthz").handler(health::healthz);
        router.get("/readyz").handler(health::readyz);
        router.get("/metrics").handler(health::metrics);
        router.route().last().handler(ctx -> ErrorResponder.send(ctx, new ApiError(404, "no such route: "
                + ctx.request().method() + " " + ctx.request().path())));
        return router;
    }
}
