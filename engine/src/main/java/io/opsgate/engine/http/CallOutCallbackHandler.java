package io.opsgate.engine.http;

import io.opsgate.api.validation.Cidrs;
import io.opsgate.engine.notify.CallbackRelay;
import io.opsgate.engine.notify.ProviderCallback;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code POST /api/v1/callouts/{tenant}/{token}/{twiml|gather|status}}: the voice/SMS provider's callbacks
 * (docs/oncall.md). The provider cannot send a bearer token, so the route is outside the token auth; what
 * authenticates a callback is the provider's signature ({@code X-Twilio-Signature}, HMAC-SHA1 under the
 * channel's auth token over the URL opsgate issued and the sorted parameters) together with the random
 * per-attempt token in the path. Ingest holds no provider credentials, so it checks the tenant, its ingest
 * allow list (403) and the body size (413), then relays the callback to notify, which verifies the signature
 * (403 otherwise), finds the attempt by token within the path's tenant (404 otherwise) and answers.
 */
final class CallOutCallbackHandler {
    /** A callback is a handful of form fields. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String XML = "application/xml; charset=utf-8";

    private final TenantRegistry registry;
    private final CallbackRelay relay;
    private final BiConsumer<RoutingContext, String> accessLog;

    /** @param accessLog writes the call to the named tenant's access log */
    CallOutCallbackHandler(TenantRegistry registry, CallbackRelay relay, BiConsumer<RoutingContext, String> accessLog) {
        this.registry = registry;
        this.relay = relay;
        this.accessLog = accessLog;
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        String tenant = ctx.pathParam("tenant");
        TenantRuntime runtime = tenant == null ? null : registry.tenant(tenant);
        if (runtime == null) {
            refuse(ctx, 404);
            return;
        }
        accessLog.accept(ctx, tenant);
        InetAddress from = remote(ctx);
        if (from == null || !runtime.config().allows(from)) {
            ErrorResponder.send(ctx, new ApiError(403, "source address " + (from == null ? "(unknown)" : from.getHostAddress())
                    + " is not in the tenant's spec.ingest.allowedCidrs").field("spec.ingest.allowedCidrs"));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                failed[0] = true;
                ErrorResponder.send(ctx, new ApiError(413, "a callback is at most " + MAX_BODY_BYTES + " bytes")
                        .limit("maxCallbackBytes", MAX_BODY_BYTES));
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> failed[0] = true);
        req.endHandler(v -> {
            if (failed[0]) {
                return;
            }
            Map<String, String> form;
            try {
                form = form(body.toString(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                refuse(ctx, 400);
                return;
            }
            Context context = Vertx.currentContext();
            relay.relay(new ProviderCallback(tenant, ctx.pathParam("token"), ctx.pathParam("kind"), form,
                    req.getHeader("X-Twilio-Signature"))).whenComplete((reply, failure) -> context.runOnContext(x -> {
                if (ctx.response().ended() || ctx.response().closed()) {
                    return;
                }
                if (failure != null) {
                    // The provider retries a callback answered 5xx; the call itself goes on.
                    refuse(ctx, 503);
                    return;
                }
                ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                        .end(reply.body());
            }));
        });
        req.resume();
    }

    private static void refuse(RoutingContext ctx, int status) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", XML).end("<Response/>");
    }

    /** An application/x-www-form-urlencoded body. */
    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    static InetAddress remote(RoutingContext ctx) {
        io.vertx.core.net.SocketAddress peer = ctx.request().connection().remoteAddress();
        if (peer == null || peer.hostAddress() == null) {
            return null;
        }
        String host = peer.hostAddress();
        int zone = host.indexOf('%');
        try {
            return Cidrs.address(zone < 0 ? host : host.substring(0, zone));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
