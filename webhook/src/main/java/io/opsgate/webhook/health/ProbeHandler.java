package io.opsgate.webhook.health;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BooleanSupplier;

/** A Kubernetes probe: 200 "ok" while the condition holds, 503 otherwise. */
public final class ProbeHandler implements Handler<RoutingContext> {

    private final BooleanSupplier healthy;

    public ProbeHandler(BooleanSupplier healthy) {
        this.healthy = healthy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        boolean ok = healthy.getAsBoolean();
        ctx.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "text/plain").end(ok ? "ok\n" : "not ready\n");
    }
}
