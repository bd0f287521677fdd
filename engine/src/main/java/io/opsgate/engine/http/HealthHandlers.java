package io.opsgate.engine.http;

import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.tenant.TenantRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * /healthz (the process serves), /readyz (configuration loaded and every tenant's state rebuilt), /metrics. Only the
 * plain metrics listener ({@code --metrics-listen}) shows the tenants' meters: the API and notify listeners answer
 * callers without a token, so their /metrics shows the process's JVM meters only, never a tenant's or a rule's name.
 */
public final class HealthHandlers {
    private final TenantRegistry registry;
    private final EngineMetrics metrics;
    private final boolean tenantMeters;

    /** @param tenantMeters whether /metrics includes the tenants' meters (the metrics listener only) */
    public HealthHandlers(TenantRegistry registry, EngineMetrics metrics, boolean tenantMeters) {
        this.registry = registry;
        this.metrics = metrics;
        this.tenantMeters = tenantMeters;
    }

    /** Routes /healthz, /readyz and /metrics on every listener. */
    void routes(Router router) {
        router.get("/healthz").handler(this::healthz);
        router.get("/readyz").handler(this::readyz);
        router.get("/metrics").handler(this::metrics);
    }

    /** The last route of every listener: a JSON 404 naming what was asked for. */
    static void notFound(Router router) {
        router.route().last().handler(ctx -> ErrorResponder.send(ctx, new ApiError(404, "no such route: "
                + ctx.request().method() + " " + ctx.request().path())));
    }

    public void healthz(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", Reply.JSON).end("{\"status\":\"ok\"}");
    }

    public void readyz(RoutingContext ctx) {
        boolean ready = registry.ready();
        ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", Reply.JSON)
                .end(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"loading\"}");
    }

    public void metrics(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(tenantMeters ? metrics.scrape() : metrics.scrapeWithoutTenants());
    }
}
