package io.opsgate.engine.http;

import io.opsgate.engine.domain.Rejected;
import io.opsgate.engine.tickets.TransitionRefused;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps every failure to one JSON body shape: {@code {"error": ..., "field": ..., "limit": ...}}. */
final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {
    }

    static ApiError toApiError(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApiError e) {
            return e;
        }
        if (t instanceof Rejected r) {
            return new ApiError(r.status(), r.getMessage()).field(r.field());
        }
        if (t instanceof TransitionRefused r) {
            return new ApiError(409, r.getMessage());
        }
        LOG.error("request failed", t);
        return new ApiError(503, "the request could not be stored; nothing of it was accepted, retry later");
    }

    static void send(RoutingContext ctx, Throwable failure) {
        send(ctx, toApiError(failure));
    }

    static void send(RoutingContext ctx, ApiError e) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.putAll(e.details());
        r.setStatusCode(e.status());
        e.headers().forEach(r::putHeader);
        if (!ctx.request().isEnded()) {
            // The rest of the body was not read; do not reuse the connection for the next request.
            r.putHeader("Connection", "close");
        }
        r.putHeader("Content-Type", Reply.JSON).end(io.vertx.core.buffer.Buffer.buffer(Json.value(body)));
    }
}
