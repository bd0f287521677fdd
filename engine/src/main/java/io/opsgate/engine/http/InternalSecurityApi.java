package io.opsgate.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.api.audit.HashChain;
import io.opsgate.engine.security.Notices;
import io.opsgate.engine.security.SecurityService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * The operator's internal routes on ingest and notify (docs/architecture.md, "The engine's internal
 * security API"), only with the internal token: {@code GET /internal/v1/security}, {@code POST
 * /internal/v1/purge} and, where the tenant API runs, {@code POST /internal/v1/notices}.
 */
final class InternalSecurityApi {
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final SecurityService security;
    private final InternalToken token;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "internal-security");
        t.setDaemon(true);
        return t;
    });

    InternalSecurityApi(SecurityService security, InternalToken token) {
        this.security = security;
        this.token = token;
    }

    /** Registers the routes; {@code notices} only where the tenant's outbox lives (ingest, standalone). */
    void routes(Router router, boolean notices) {
        router.get("/internal/v1/security").handler(this::authenticate).handler(this::evidence);
        // Authentication is a route of its own so that it runs before the body is read.
        router.post("/internal/v1/purge").handler(this::authenticate);
        router.post("/internal/v1/purge").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::purge);
        if (notices) {
            router.post("/internal/v1/notices").handler(this::authenticate);
            router.post("/internal/v1/notices").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::notice);
        }
    }

    private void authenticate(RoutingContext ctx) {
        if (token.authorizes(ctx.request().getHeader("Authorization"))) {
            ctx.next();
        } else {
            ErrorResponder.send(ctx, new ApiError(401, "the internal token is required").header("WWW-Authenticate", "Bearer"));
        }
    }

    private void evidence(RoutingContext ctx) {
        String tenant = ctx.queryParams().get("tenant");
        if (tenant == null || tenant.isEmpty()) {
            ErrorResponder.send(ctx, ApiError.badRequest("tenant is required").field("tenant"));
            return;
        }
        String given = ctx.queryParams().get("checkpoint");
        HashChain.Head checkpoint;
        try {
            checkpoint = given == null || given.isEmpty() ? null : HashChain.Head.parse(given);
        } catch (IllegalArgumentException e) {
            ErrorResponder.send(ctx, ApiError.badRequest("checkpoint must be <seq>:<64 hex digits>, the access log's head as "
                    + "recorded").field("checkpoint"));
            return;
        }
        answer(ctx, off(() -> {
            ObjectNode e = security.evidence(tenant, checkpoint);
            if (e == null) {
                throw new ApiError(404, "tenant " + tenant + " does not run here").field("tenant");
            }
            return Reply.json(200, Json.value(e));
        }));
    }

    private void purge(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        String tenant = text(body, "tenant");
        if (tenant == null) {
            ErrorResponder.send(ctx, ApiError.badRequest("tenant is required").field("tenant"));
            return;
        }
        answer(ctx, off(() -> {
            ObjectNode report;
            try {
                report = security.purge(tenant);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage()).field("tenant");
            } catch (IOException e) {
                throw new ApiError(500, "purge of tenant " + tenant + " failed: " + e.getMessage());
            }
            boolean verified = report.path("storeDeleted").asBoolean() && report.path("keysDestroyed").asBoolean()
                    && report.path("logsDeleted").asBoolean();
            return Reply.json(verified ? 200 : 500, Json.value(verified ? report
                    : report.put("error", "the purge could not be verified")));
        }));
    }

    private void notice(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) {
            return;
        }
        String tenant = text(body, "tenant");
        String title = text(body, "title");
        String severity = text(body, "severity");
        String kind = text(body, "kind");
        String missing = tenant == null ? "tenant" : title == null ? "title" : severity == null ? "severity"
                : kind == null ? "kind" : null;
        if (missing != null) {
            ErrorResponder.send(ctx, ApiError.badRequest(missing + " is required").field(missing));
            return;
        }
        if (!Notices.SEVERITIES.contains(severity)) {
            ErrorResponder.send(ctx, ApiError.badRequest("severity must be info, warning or critical").field("severity"));
            return;
        }
        if (title.length() > 200 || kind.length() > 100) {
            ErrorResponder.send(ctx, ApiError.badRequest("title (200) or kind (100) is too long")
                    .field(title.length() > 200 ? "title" : "kind"));
            return;
        }
        answer(ctx, security.notices().send(tenant, title, text(body, "body"), severity, kind).thenApply(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("queued", r.queued());
            if (r.channel() != null) {
                out.put("channel", r.channel());
            }
            if (r.reason() != null) {
                out.put("reason", r.reason());
            }
            return Reply.json(r.queued() ? 202 : 200, Json.value(out));
        }));
    }

    private static JsonNode body(RoutingContext ctx) {
        Buffer b = ctx.body().buffer();
        try {
            JsonNode n = Json.MAPPER.readTree(b == null ? new byte[0] : b.getBytes());
            if (n == null || !n.isObject()) {
                ErrorResponder.send(ctx, ApiError.badRequest("the body must be a JSON object"));
                return null;
            }
            return n;
        } catch (IOException e) {
            ErrorResponder.send(ctx, ApiError.badRequest("the body is not JSON"));
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }

    private CompletableFuture<Reply> off(java.util.concurrent.Callable<Reply> work) {
        CompletableFuture<Reply> f = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static void answer(RoutingContext ctx, CompletableFuture<Reply> reply) {
        Context context = Vertx.currentContext();
        reply.whenComplete((r, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                ErrorResponder.send(ctx, failure);
            } else {
                ctx.response().setStatusCode(r.status()).putHeader("Content-Type", r.contentType()).end(r.body());
            }
        }));
    }
}
