package io.opsgate.engine.http;

import io.opsgate.engine.tenant.TenantRuntime;
import io.opsgate.engine.tenant.TokenGrant;
import io.vertx.ext.web.RoutingContext;

/**
 * One authenticated request: who sent it (the token's or the session's grant and thus the tenant), its body when the
 * operation takes one, and the routing context for path and query parameters.
 */
final class Call {
    final RoutingContext ctx;
    final TokenGrant grant;
    final byte[] body;
    private final boolean signedIn;

    /**
     * @param signedIn whether the grant is a console session's person (else a bearer token)
     */
    Call(RoutingContext ctx, TokenGrant grant, byte[] body, boolean signedIn) {
        this.ctx = ctx;
        this.grant = grant;
        this.body = body;
        this.signedIn = signedIn;
    }

    TenantRuntime tenant() {
        return grant.tenant();
    }

    /** The actor written on ticket timelines and run requests: the signed-in person, else the token's name. */
    String actor() {
        return grant.tokenName();
    }

    /** The signed-in person's name when the call came with a console session, else null (a token). */
    String person() {
        return signedIn ? grant.tokenName() : null;
    }

    String pathParam(String name) {
        return ctx.pathParam(name);
    }

    java.util.List<String> queryParams(String name) {
        return ctx.queryParam(name);
    }

    String queryParam(String name) {
        java.util.List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** A boolean query parameter as Alertmanager reads it; absent means {@code fallback}. */
    boolean flag(String name, boolean fallback) {
        String v = queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.badRequest("query parameter " + name + " must be true or false").field(name);
        };
    }
}
