package io.opsgate.engine.http;

import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.security.SecurityService;
import io.opsgate.engine.store.RecordCodec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Notify's internal API, reached only by its tenant's ingest (NetworkPolicy) and only with the internal
 * token ({@code Authorization: Bearer <token>}; anything else is 401):
 * <ul>
 *   <li>{@code POST /internal/v1/notifications} {@code {"tenant", "origin", "notifications": [outbox entries]}}:
 *       200 {@code {"stored": n}} once durable; repeats of stored sequences are acknowledged and not stored again;</li>
 *   <li>{@code GET /internal/v1/reports?tenant=&after=&limit=}: 200 {@code {"reports": [...]}}, the delivery
 *       results after the cursor; those up to it are deleted;</li>
 *   <li>{@code PUT /internal/v1/credentials} {@code {"tenant", "credentials": {name: {key: value}}}}: 200
 *       {@code {"credentials": n}} once notify's vault holds exactly these (ingest's vault is the one that counts).</li>
 * </ul>
 */
final class InternalApi {
    /** Large enough for a batch of 200 notifications of 1000 alerts each. */
    static final long MAX_BODY_BYTES = 64L << 20;

    /** The body of a handoff. */
    static final class Batch {
        public String tenant;
        public String origin;
        public List<OutboxEntry> notifications = new ArrayList<>();
    }

    /** The body of a credential hand-over. */
    static final class Credentials {
        public String tenant;
        public Map<String, Map<String, String>> credentials = new java.util.TreeMap<>();
    }

    private final NotifyService notify;
    private final InternalToken token;
    private final SecurityService security;

    InternalApi(NotifyService notify, InternalToken token, SecurityService security) {
        this.notify = notify;
        this.token = token;
        this.security = security;
    }

    void routes(Router router) {
        router.route("/internal/*").handler(this::authenticate);
        router.post("/internal/v1/notifications").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .handler(this::notifications);
        router.get("/internal/v1/reports").handler(this::reports);
        router.put("/internal/v1/credentials").handler(BodyHandler.create().setBodyLimit(1L << 20))
                .handler(this::credentials);
    }

    private void credentials(RoutingContext ctx) {
        Credentials body;
        try {
            Buffer b = ctx.body().buffer();
            body = RecordCodec.mapper().readValue(b == null ? new byte[0] : b.getBytes(), Credentials.class);
        } catch (IOException e) {
            ErrorResponder.send(ctx, ApiError.badRequest("the body is not a credential hand-over"));
            return;
        }
        if (body.tenant == null || body.credentials == null) {
            ErrorResponder.send(ctx, ApiError.badRequest("tenant and credentials are required")
                    .field(body.tenant == null ? "tenant" : "credentials"));
            return;
        }
        answer(ctx, CompletableFuture.supplyAsync(() -> {
            try {
                int n = security.replaceCredentials(body.tenant, body.credentials);
                return Reply.json(200, Json.value(Map.of("credentials", n)));
            } catch (SecurityService.Unavailable e) {
                throw new java.util.concurrent.CompletionException(new ApiError(503, e.getMessage()));
            }
        }));
    }

    private void authenticate(RoutingContext ctx) {
        if (token.authorizes(ctx.request().getHeader("Authorization"))) {
            ctx.next();
        } else {
            ErrorResponder.send(ctx, new ApiError(401, "the internal token is required").header("WWW-Authenticate", "Bearer"));
        }
    }

    private void notifications(RoutingContext ctx) {
        Batch batch;
        try {
            Buffer body = ctx.body().buffer();
            batch = RecordCodec.mapper().readValue(body == null ? new byte[0] : body.getBytes(), Batch.class);
        } catch (IOException e) {
            ErrorResponder.send(ctx, ApiError.badRequest("the body is not a notification batch: " + e.getMessage().lines().findFirst().orElse("")));
            return;
        }
        if (batch.tenant == null || batch.origin == null || batch.origin.isBlank()) {
            ErrorResponder.send(ctx, ApiError.badRequest("tenant and origin are required").field(batch.tenant == null ? "tenant" : "origin"));
            return;
        }
        int n = batch.notifications.size();
        answer(ctx, notify.accept(batch.tenant, batch.origin, batch.notifications)
                .thenApply(v -> Reply.json(200, Json.value(Map.of("stored", n)))));
    }

    private void reports(RoutingContext ctx) {
        String tenant = ctx.queryParams().get("tenant");
        long after;
        int limit;
        try {
            after = Long.parseLong(ctx.queryParams().get("after") == null ? "0" : ctx.queryParams().get("after"));
            limit = Math.min(1000, Integer.parseInt(ctx.queryParams().get("limit") == null ? "500" : ctx.queryParams().get("limit")));
        } catch (NumberFormatException e) {
            ErrorResponder.send(ctx, ApiError.badRequest("after and limit must be numbers"));
            return;
        }
        if (tenant == null || limit < 1) {
            ErrorResponder.send(ctx, ApiError.badRequest("tenant is required and limit must be positive"));
            return;
        }
        answer(ctx, notify.reports(tenant, after, limit).thenApply(InternalApi::reportsBody));
    }

    private static Reply reportsBody(List<DeliveryReport> reports) {
        return Reply.json(200, RecordCodec.encode(Map.of("reports", reports)));
    }

    private static void answer(RoutingContext ctx, CompletableFuture<Reply> reply) {
        Context context = Vertx.currentContext();
        reply.whenComplete((r, failure) -> context.runOnContext(v -> {
            if (failure == null) {
                ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType()).end(r.body());
                return;
            }
            Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (t instanceof NotifyService.UnknownTenant) {
                ErrorResponder.send(ctx, new ApiError(503, t.getMessage()));
            } else if (t instanceof IllegalArgumentException) {
                ErrorResponder.send(ctx, ApiError.badRequest(t.getMessage()));
            } else {
                ErrorResponder.send(ctx, t);
            }
        }));
    }
}
