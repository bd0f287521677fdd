package io.opsgate.engine.http;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.api.validation.Cidrs;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.handoff.DeliveryRecords;
import io.opsgate.engine.identity.SessionAuthenticator;
import io.opsgate.engine.jobs.JobService;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.monitors.MonitorService;
import io.opsgate.engine.notify.InternalToken;
import io.opsgate.engine.security.SecurityService;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TokenGrant;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Every route of the tenant API, in one place, with the scope each needs. For each request: the bearer
 * token names the tenant (401 otherwise), the tenant's source-address allow list applies (403), the token
 * must carry the scope (403), a body is read up to the tenant's maxBodyBytes (413), then the operation
 * runs and its reply or error is sent on the request's event loop.
 */
public final class ApiRouter {
    /**
     * The per-tenant features whose state the API reads, by tenant name.
     *
     * @param deliveries the delivery logs and dead letters the handoff pulled from notify
     * @param monitors   the active monitors (heartbeat pings, their states)
     * @param jobs       the OpsJob runs
     */
    public record Features(DeliveryRecords deliveries, MonitorService monitors, JobService jobs) {
    }

    private final TenantRegistry registry;
    private final EngineMetrics metrics;
    private final ServerInfo info;
    private final Features features;
    private final SecurityService security;
    private final InternalToken internalToken;
    private SessionAuthenticator sessions;

    public ApiRouter(TenantRegistry registry, EngineMetrics metrics, ServerInfo info, Features features,
                     SecurityService security, InternalToken internalToken) {
        this.registry = registry;
        this.metrics = metrics;
        this.info = info;
        this.features = features;
        this.security = security;
        this.internalToken = internalToken;
    }

    /**
     * Also accepts the console's session cookie on every route (a bearer token, when present, wins); before
     * {@link #build}.
     */
    public ApiRouter withSessions(SessionAuthenticator sessions) {
        this.sessions = sessions;
        return this;
    }

    /** Builds the router of the tenant API listener (ingest and standalone). */
    public Router build(Vertx vertx) {
        Router router = Router.router(vertx);
        HealthHandlers health = new HealthHandlers(registry, metrics, false);
        health.routes(router);
        router.get("/-/healthy").handler(health::healthz);
        router.get("/-/ready").handler(health::readyz);

        route(router, HttpMethod.POST, "/api/v2/alerts", TokenScope.Ingest, true, new PostAlertsHandler(IngestKind.ALERTS));
        route(router, HttpMethod.GET, "/api/v2/alerts", TokenScope.Read, false, new GetAlertsHandler());
        route(router, HttpMethod.GET, "/api/v2/silences", TokenScope.Read, false, new GetSilencesHandler());
        route(router, HttpMethod.POST, "/api/v2/silences", TokenScope.Admin, true, new PostSilenceHandler());
        route(router, HttpMethod.GET, "/api/v2/silence/:id", TokenScope.Read, false, new GetSilenceHandler());
        route(router, HttpMethod.DELETE, "/api/v2/silence/:id", TokenScope.Admin, false, new DeleteSilenceHandler());
        route(router, HttpMethod.GET, "/api/v2/status", TokenScope.Read, false, new GetStatusHandler(registry, info));
        route(router, HttpMethod.GET, "/api/v2/alerts/groups", TokenScope.Read, false, new GetAlertGroupsHandler());
        route(router, HttpMethod.GET, "/api/v2/receivers", TokenScope.Read, false, new GetReceiversHandler());
        route(router, HttpMethod.GET, "/api/v1/rules", TokenScope.Read, false, new ListRulesHandler());
        route(router, HttpMethod.POST, "/api/v1/webhooks/alertmanager", TokenScope.Ingest, true,
                new PostAlertsHandler(IngestKind.WEBHOOK));
        route(router, HttpMethod.POST, "/api/v1/events", TokenScope.Ingest, true, new PostAlertsHandler(IngestKind.EVENTS));
        route(router, HttpMethod.POST, "/api/v1/sources/:name", TokenScope.Ingest, true, new PostSourceHandler());
        route(router, HttpMethod.GET, "/api/v1/tickets", TokenScope.Read, false, new ListTicketsHandler());
        // Every role may ask the operations team for something: a viewer's request is how the customer talks to them.
        route(router, HttpMethod.POST, "/api/v1/tickets", TokenScope.Read, true, new PostTicketHandler());
        route(router, HttpMethod.GET, "/api/v1/tickets/:id", TokenScope.Read, false, new GetTicketHandler(features.deliveries()));
        route(router, HttpMethod.GET, "/api/v1/deadletters", TokenScope.Read, false, new GetDeadLettersHandler(features.deliveries()));
        for (TicketChangeHandler.Change change : TicketChangeHandler.Change.values()) {
            // Read reaches comments only for a requester on their own request; the handler checks the rest.
            Set<TokenScope> scopes = change == TicketChangeHandler.Change.COMMENT
                    ? EnumSet.of(TokenScope.Admin, TokenScope.Tickets, TokenScope.Read)
                    : EnumSet.of(TokenScope.Admin, TokenScope.Tickets);
            route(router, HttpMethod.POST, "/api/v1/tickets/:id/" + change.path, scopes, change.takesBody,
                    new TicketChangeHandler(change));
        }
        SecurityHandlers sec = new SecurityHandlers(security);
        route(router, HttpMethod.GET, "/api/v1/credentials", TokenScope.Admin, false, sec::list);
        route(router, HttpMethod.PUT, "/api/v1/credentials/:name", TokenScope.Admin, true, sec::put);
        route(router, HttpMethod.GET, "/api/v1/credentials/:name", TokenScope.Admin, false, sec::get);
        route(router, HttpMethod.DELETE, "/api/v1/credentials/:name", TokenScope.Admin, false, sec::delete);
        route(router, HttpMethod.POST, "/api/v1/keys/rotate", TokenScope.Admin, false, sec::rotate);
        route(router, HttpMethod.GET, "/api/v1/access-log", TokenScope.Read, false, sec::accessLog);
        route(router, HttpMethod.GET, "/api/v1/notices", TokenScope.Read, false, new ListNoticesHandler(security.notices()));
        route(router, HttpMethod.GET, "/api/v1/people", TokenScope.Read, false, new ListPeopleHandler(sessions));
        new InternalSecurityApi(security, internalToken).routes(router, true);

        route(router, HttpMethod.GET, "/api/v1/monitors", TokenScope.Read, false, new ListMonitorsHandler(features.monitors()));
        route(router, HttpMethod.POST, "/api/v1/heartbeats/:monitor", TokenScope.Ingest, true, new HeartbeatHandler(features.monitors()));
        route(router, HttpMethod.GET, "/api/v1/heartbeats/:monitor", TokenScope.Ingest, false,
                new HeartbeatHandler(features.monitors()));
        route(router, HttpMethod.GET, "/api/v1/jobruns", TokenScope.Read, false, new ListJobRunsHandler(features.jobs()));
        route(router, HttpMethod.GET, "/api/v1/opsjobs", TokenScope.Read, false, new ListOpsJobsHandler(features.jobs()));
        // Operators run remediation as they answer tickets: the scope of ticket changes, or Admin.
        route(router, HttpMethod.POST, "/api/v1/jobs/:opsjob/runs", EnumSet.of(TokenScope.Admin, TokenScope.Tickets), true,
                new StartJobRunHandler(features.jobs()));

        HealthHandlers.notFound(router);
        router.errorHandler(405, ctx -> ErrorResponder.send(ctx, new ApiError(405, "method "
                + ctx.request().method() + " is not allowed on " + ctx.request().path())));
        router.errorHandler(500, ctx -> ErrorResponder.send(ctx, ctx.failure() == null
                ? new ApiError(500, "internal error") : ErrorResponder.toApiError(ctx.failure())));
        return router;
    }

    private void route(Router router, HttpMethod method, String path, TokenScope scope, boolean body, Operation op) {
        route(router, method, path, EnumSet.of(scope), body, op);
    }

    /** A route any of whose {@code scopes} suffices. Ingestion routes (scope Ingest) use the ingest allow list. */
    private void route(Router router, HttpMethod method, String path, Set<TokenScope> scopes, boolean body, Operation op) {
        router.route(method, path).handler(ctx -> dispatch(ctx, scopes, body, op));
    }

    private void dispatch(RoutingContext ctx, Set<TokenScope> scope, boolean takesBody, Operation op) {
        TokenGrant grant;
        boolean signedIn;
        try {
            SessionAuthenticator.Resolution person = session(ctx);
            signedIn = person != null;
            if (person != null) {
                grant = person.grant();
                logAccess(ctx, grant.tenant().name(), new AccessLog.Actor(grant.tokenName(), person.person().authMethod()));
            } else {
                grant = authenticate(ctx);
                logAccess(ctx, grant.tenant().name(), AccessLog.Actor.token(grant.tokenName()));
            }
            authorize(ctx, grant, scope);
        } catch (ApiError e) {
            ErrorResponder.send(ctx, e);
            return;
        }
        if (!takesBody) {
            run(ctx, op, new Call(ctx, grant, null, signedIn));
            return;
        }
        TenantConfig config = grant.tenant().config();
        long max = config.limits.maxBodyBytes;
        HttpServerRequest req = ctx.request();
        String declared = req.getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > max) {
                    tooLarge(ctx, grant, max);
                    return;
                }
            } catch (NumberFormatException e) {
                ErrorResponder.send(ctx, ApiError.badRequest("Content-Length is not a number"));
                return;
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                failed[0] = true;
                tooLarge(ctx, grant, max);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            // A body that is not HTTP (a malformed chunk) is the sender's error: say so instead of dropping it.
            if (!failed[0]) {
                failed[0] = true;
                ErrorResponder.send(ctx, ApiError.badRequest("the request body could not be read: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
                // Vert.x closes the connection right after this handler, before its batched writes are flushed at
                // the end of the read: flush now, or the sender sees only a dropped connection.
                if (req.connection() instanceof io.vertx.core.net.impl.VertxConnection c) {
                    c.flush();
                }
            }
        });
        req.endHandler(v -> {
            if (!failed[0]) {
                run(ctx, op, new Call(ctx, grant, body.getBytes(), signedIn));
            }
        });
        req.resume();
    }

    private void tooLarge(RoutingContext ctx, TokenGrant grant, long max) {
        grant.tenant().meters().rejected("body_too_large", 1);
        ErrorResponder.send(ctx, new ApiError(413, "the body is larger than " + max + " bytes")
                .limit("maxBodyBytes", max));
    }

    /**
     * The person of the request's session cookie when it has no bearer token, or null. A refused session
     * (forged, expired, failed CSRF or Origin check, no role) is written to the access log of the tenant the
     * cookie names and answered 401/403 here.
     */
    private SessionAuthenticator.Resolution session(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (sessions == null || req.getHeader("Authorization") != null) {
            return null;
        }
        io.vertx.core.net.HostAndPort authority = req.authority();
        String self = authority == null ? null : (req.isSSL() ? "https://" : "http://") + authority.host()
                + (authority.port() >= 0 ? ":" + authority.port() : "");
        SessionAuthenticator.Resolution r = sessions.resolve(req.getHeader("Cookie"), req.method().name(),
                req.getHeader("Origin"), req.getHeader(SessionAuthenticator.CSRF_HEADER), self);
        if (r == null || r.granted()) {
            return r;
        }
        if (r.tenant() != null) {
            logAccess(ctx, r.tenant(), r.person() == null ? new AccessLog.Actor("anonymous", "session")
                    : new AccessLog.Actor(r.person().name(), r.person().authMethod()));
        }
        ApiError e = new ApiError(r.status(), r.message()).field(r.field());
        throw r.status() == 401 ? e.header("WWW-Authenticate", "Bearer") : e;
    }

    /** Writes the call to the tenant's access log when the response is done (or the connection dropped). */
    private void logAccess(RoutingContext ctx, String tenant, AccessLog.Actor actor) {
        long started = System.nanoTime();
        HttpServerRequest req = ctx.request();
        InetAddress from = remote(ctx);
        ctx.addEndHandler(v -> security.accessLog().call(tenant, actor,
                from == null ? null : from.getHostAddress(), req.method().name(), req.path(),
                ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
    }

    private TokenGrant authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        TokenGrant grant = registry.authenticate(token);
        if (grant == null) {
            throw new ApiError(401, token == null ? "a bearer token is required (Authorization: Bearer <token>)"
                    : "the bearer token is not valid").header("WWW-Authenticate", "Bearer");
        }
        return grant;
    }

    private void authorize(RoutingContext ctx, TokenGrant grant, Set<TokenScope> scopes) {
        InetAddress from = remote(ctx);
        TenantConfig config = grant.tenant().config();
        boolean ingestion = scopes.contains(TokenScope.Ingest);
        if (from == null || !(ingestion ? config.allows(from) : config.allowsApi(from))) {
            String rule = ingestion || config.apiAllowedCidrs == config.allowedCidrs ? "spec.ingest.allowedCidrs"
                    : "spec.access.apiAllowedCidrs";
            throw new ApiError(403, "source address " + (from == null ? "(unknown)" : from.getHostAddress())
                    + " is not in the tenant's " + rule).field(rule);
        }
        if (grant.scopes().stream().noneMatch(scopes::contains)) {
            String names = scopes.stream().map(Enum::name).sorted().reduce((a, b) -> a + " or " + b).orElse("");
            throw new ApiError(403, "token \"" + grant.tokenName() + "\" lacks the " + names + " scope")
                    .detail("scope", names);
        }
    }

    /** The peer address of the connection; forwarding headers are not trusted. */
    private static InetAddress remote(RoutingContext ctx) {
        io.vertx.core.net.SocketAddress peer = ctx.request().connection().remoteAddress();
        if (peer == null) {
            return null;
        }
        String host = peer.hostAddress();
        if (host == null) {
            return null;
        }
        int zone = host.indexOf('%');
        try {
            return Cidrs.address(zone < 0 ? host : host.substring(0, zone));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void run(RoutingContext ctx, Operation op, Call call) {
        Context context = Vertx.currentContext();
        CompletionStage<Reply> stage;
        try {
            stage = op.handle(call);
        } catch (RuntimeException e) {
            ErrorResponder.send(ctx, e);
            return;
        }
        stage.whenComplete((reply, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                ErrorResponder.send(ctx, failure);
            } else {
                send(ctx, reply);
            }
        }));
    }

    private static void send(RoutingContext ctx, Reply reply) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(reply.status());
        if (reply.contentType() != null) {
            ctx.response().putHeader("Content-Type", reply.contentType());
        }
        ctx.response().end(reply.body());
    }
}
