package io.opsgate.engine.http;

import io.opsgate.engine.config.TenantRegistry;
import io.opsgate.engine.metrics.EngineMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The notify listener: health, readiness and metrics. Delivery routes come with the notify issue. */
public final class NotifyRouter {
    private final TenantRegistry registry;
    private final EngineMetrics metrics;

    public NotifyRouter(TenantRegistry registry, EngineMetrics metrics) {
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
