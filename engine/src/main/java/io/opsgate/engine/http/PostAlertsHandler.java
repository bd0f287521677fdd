package io.opsgate.engine.http;

import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * POST /api/v2/alerts, /api/v1/webhooks/alertmanager and /api/v1/events: parse (on the event loop),
 * check the rate limit, hand the batch to the tenant's lane, and answer once it is durable.
 */
final class PostAlertsHandler implements Operation {
    private final IngestKind kind;

    PostAlertsHandler(IngestKind kind) {
        this.kind = kind;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        TenantRuntime tenant = call.tenant();
        AlertParser parser = new AlertParser(tenant.config().limits);
        List<IncomingAlert> alerts;
        try {
            alerts = switch (kind) {
                case ALERTS -> parser.postableAlerts(call.body);
                case WEBHOOK -> parser.webhook(call.body);
                case EVENTS -> parser.events(call.body);
            };
        } catch (ApiError e) {
            tenant.meters().rejected(e.details().containsKey("limit") ? "limit" : "invalid", 1);
            throw e;
        }
        long wait = tenant.rateLimiter().acquire(alerts.size(), System.nanoTime());
        if (wait > 0) {
            tenant.meters().rejected("rate_limited", alerts.size());
            throw new ApiError(429, "the tenant's rate limit of " + tenant.config().ratePerSecond
                    + " alerts per second is exceeded").limit("rateLimit.perSecond", tenant.config().ratePerSecond)
                    .header("Retry-After", Long.toString(wait));
        }
        tenant.meters().received(kind.source, alerts.size());
        if (alerts.isEmpty()) {
            return CompletableFuture.completedFuture(Reply.empty(200));
        }
        return tenant.ingest(alerts)
                .handle((v, failure) -> {
                    if (failure != null) {
                        tenant.meters().rejected("store", alerts.size());
                        throw new java.util.concurrent.CompletionException(failure);
                    }
                    return Reply.empty(200);
                });
    }
}
