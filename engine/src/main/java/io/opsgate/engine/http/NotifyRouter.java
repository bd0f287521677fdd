package io.opsgate.engine.http;

import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.security.SecurityService;
import io.opsgate.engine.tenant.TenantRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The notify listener: health, readiness, metrics, and the internal API ingest hands notifications to. */
public final class NotifyRouter {
    private final TenantRegistry registry;
    private final EngineMetrics metrics;
    private final NotifyService notify;
    private final InternalToken token;
    private final SecurityService security;

    public NotifyRouter(TenantRegistry registry, EngineMetrics metrics, NotifyService notify, InternalToken token,
                        SecurityService security) {
        this.registry = registry;
        this.metrics = metrics;
        this.notify = notify;
        this.token = token;
        this.security = security;
    }

    public Router build(Vertx vertx) {
        Router router = Router.router(vertx);
        new HealthHandlers(registry, metrics, false).routes(router);
        new InternalApi(notify, token, security).routes(router);
        new InternalSecurityApi(security, token).routes(router, false);
        HealthHandlers.notFound(router);
        router.errorHandler(500, ctx -> ErrorResponder.send(ctx, ctx.failure() == null
                ? new ApiError(500, "internal error") : ErrorResponder.toApiError(ctx.failure())));
        return router;
    }
}
