package io.opsgate.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.sources.PayloadException;
import io.opsgate.engine.sources.WebhookSource;
import io.opsgate.engine.tenant.TenantRuntime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * POST /api/v1/sources/{name}: a tool's own JSON, mapped by the tenant's Webhook AlertSource of that name
 * into alerts, then the same way as every alert: rate limit, the tenant's lane, 200 once durable.
 */
final class PostSourceHandler implements Operation {
    /** The source tag of opsgate_alerts_received_total for alerts that came through a Webhook AlertSource. */
    static final String SOURCE_TAG = "alertsource";

    @Override
    public CompletionStage<Reply> handle(Call call) {
        TenantRuntime tenant = call.tenant();
        String name = call.pathParam("name");
        WebhookSource source = tenant.config().sources.webhook(name);
        if (source == null) {
            throw new ApiError(404, "tenant " + tenant.name() + " has no Webhook AlertSource named \"" + name + "\"")
                    .field("name");
        }
        List<WebhookSource.Mapped> alerts;
        try {
            JsonNode body = JsonInput.tree(call.body);
            alerts = source.alerts(body, tenant.config().limits);
        } catch (ApiError e) {
            tenant.meters().rejected("invalid", 1);
            throw e;
        } catch (PayloadException e) {
            tenant.meters().rejected("invalid", 1);
            throw ApiError.badRequest(e.getMessage()).field(e.field());
        }
        long wait = tenant.rateLimiter().acquire(alerts.size(), System.nanoTime());
        if (wait > 0) {
            tenant.meters().rejected("rate_limited", alerts.size());
            throw new ApiError(429, "the tenant's rate limit of " + tenant.config().ratePerSecond
                    + " alerts per second is exceeded").limit("rateLimit.perSecond", tenant.config().ratePerSecond)
                    .header("Retry-After", Long.toString(wait));
        }
        tenant.meters().received(SOURCE_TAG, alerts.size());
        return tenant.lane().submit(() -> {
            List<IncomingAlert> batch = WebhookSource.withHeld(alerts, tenant.alerts()::alert);
            return batch.isEmpty() ? CompletableFuture.<Void>completedFuture(null) : tenant.engine().ingest(batch);
        })
                .handle((v, failure) -> {
                    if (failure != null) {
                        tenant.meters().rejected("store", alerts.size());
                        throw new CompletionException(failure);
                    }
                    return Reply.empty(200);
                });
    }
}
