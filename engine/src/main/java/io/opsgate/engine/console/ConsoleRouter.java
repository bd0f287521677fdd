package io.opsgate.engine.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import io.opsgate.engine.identity.Csrf;
import io.opsgate.engine.identity.IdentityService;
import io.opsgate.engine.identity.Person;
import io.opsgate.engine.identity.Roles;
import io.opsgate.engine.identity.Session;
import io.opsgate.engine.identity.SessionAuthenticator;
import io.opsgate.engine.identity.SessionCookies;
import io.opsgate.engine.identity.SessionStore;
import io.opsgate.engine.identity.SignInRefused;
import io.opsgate.engine.security.audit.AccessLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console under {@code /console/}: its files, the sign-in (OpenID Connect or the local users file), the
 * session's own routes (who am I, sign out) and the shell page of each tenant. Everything else the console
 * shows comes from the tenant API, which accepts the session through {@link SessionAuthenticator}. Every
 * request to a tenant's console is checked against the tenant's API allow list and written to its access log
 * under the person (or {@code anonymous} before sign-in).
 */
public final class ConsoleRouter {
    static final int MAX_FORM_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TENANT = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final long SIGN_IN_COOKIE_SECONDS = 600;

    private final TenantRegistry registry;
    private final IdentityService identity;
    private final AccessLog accessLog;
    private final Assets assets = new Assets();

    public ConsoleRouter(TenantRegistry registry, IdentityService identity, AccessLog accessLog) {
        this.registry = registry;
        this.identity = identity;
        this.accessLog = accessLog;
    }

    /** Adds the console's routes to the tenant API's router; returns it. */
    public Router mount(Router router) {
        // Vert.x matches a path with or without its trailing slash: /console/acme reaches the shell too.
        router.get("/console/").handler(this::chooser);
        router.get("/console/assets/:name").handler(this::asset);
        router.get("/console/:tenant/").handler(ctx -> tenant(ctx, this::shell));
        router.get("/console/:tenant/login").handler(ctx -> tenant(ctx, this::signInPage));
        router.post("/console/:tenant/login").handler(ctx -> tenant(ctx, this::passwordSignIn));
        router.get("/console/:tenant/login/oidc").handler(ctx -> tenant(ctx, this::startOidc));
        router.get("/console/:tenant/callback").handler(ctx -> tenant(ctx, this::callback));
        router.get("/console/:tenant/session").handler(ctx -> tenant(ctx, this::whoAmI));
        router.post("/console/:tenant/logout").handler(ctx -> tenant(ctx, this::signOut));
        return router;
    }

    @FunctionalInterface
    private interface TenantPage {
        void handle(RoutingContext ctx, TenantRuntime tenant, Visitor visitor);
    }

    /**
     * Who is asking: the source address, and the person of a valid session of this tenant (null otherwise).
     * Its {@code actor} is what the access log writes for the request; handlers change it on sign-in.
     */
    private static final class Visitor {
        final String ip;
        final String sessionId;
        final Session session;
        AccessLog.Actor actor;

        Visitor(String ip, String sessionId, Session session) {
            this.ip = ip;
            this.sessionId = sessionId;
            this.session = session;
            this.actor = session == null ? new AccessLog.Actor("anonymous", null)
                    : new AccessLog.Actor(session.person().name(), session.person().authMethod());
        }
    }

    /** Finds the tenant, applies its API allow list, resolves the session, logs the request, then runs {@code page}. */
    private void tenant(RoutingContext ctx, TenantPage page) {
        String name = ctx.pathParam("tenant");
        TenantRuntime tenant = name != null && TENANT.matcher(name).matches() ? registry.tenant(name) : null;
        Language lang = language(ctx);
        if (tenant == null) {
            html(ctx, 404, Pages.refused(lang, null, "UnknownTenant", "no console for tenant \"" + name + "\" here"));
            return;
        }
        InetAddress from = peer(ctx);
        String ip = from == null ? null : from.getHostAddress();
        SessionCookies.Value cookie = SessionCookies.session(ctx.request().getHeader("Cookie"));
        Session session = null;
        String sessionId = null;
        if (cookie != null && name.equals(cookie.tenant())) {
            SessionStore.Lookup found = identity.sessions().find(cookie.id());
            if (found.status() == SessionStore.Status.VALID && found.session().tenant().equals(name)) {
                session = found.session();
                sessionId = cookie.id();
            }
        }
        Visitor visitor = new Visitor(ip, sessionId, session);
        long started = System.nanoTime();
        HttpServerRequest req = ctx.request();
        ctx.addEndHandler(v -> accessLog.call(name, visitor.actor, ip, req.method().name(), req.path(),
                ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000));
        if (from == null || !tenant.config().allowsApi(from)) {
            html(ctx, 403, Pages.refused(lang, null, "SourceNotAllowed", "source address " + ip
                    + " is not in the tenant's API allow list (spec.access.apiAllowedCidrs)"));
            return;
        }
        page.handle(ctx, tenant, visitor);
    }

    /** The tenant's console shell; without a valid session, the sign-in page (saying why when a cookie was refused). */
    private void shell(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        if (visitor.session == null) {
            SessionCookies.Value cookie = SessionCookies.session(ctx.request().getHeader("Cookie"));
            String reason = null;
            if (cookie != null) {
                if (!tenant.name().equals(cookie.tenant())) {
                    String other = cookie.tenant();
                    reason = other != null && registry.tenant(other) != null ? "other" : "invalid";
                } else {
                    SessionStore.Lookup l = identity.sessions().find(cookie.id());
                    reason = l.status() == SessionStore.Status.EXPIRED ? "expired" : "invalid";
                    if (l.session() != null) {
                        visitor.actor = new AccessLog.Actor(l.session().person().name(), l.session().person().authMethod());
                    }
                }
            }
            if ("other".equals(reason)) {
                html(ctx, 403, Pages.refused(language(ctx), tenant.name(), "OtherTenant", "this browser is signed in to "
                        + "another tenant's console; sign in to " + tenant.name() + " to open it (that ends the other sign-in)"));
                return;
            }
            redirect(ctx, 303, "/console/" + tenant.name() + "/login" + (reason == null ? "" : "?reason=" + reason));
            return;
        }
        if (identity.roles(tenant, visitor.session.person()).isEmpty()) {
            html(ctx, 403, Pages.refused(language(ctx), tenant.name(), "NoRole", visitor.session.person().name()
                    + " has no role in tenant " + tenant.name() + " (owners, operators, viewers)"));
            return;
        }
        Assets.Asset index = assets.get("index.html");
        SecurityHeaders.apply(ctx.response(), false);
        ctx.response().putHeader("Content-Type", index.contentType()).end(Buffer.buffer(index.bytes()));
    }

    private void signInPage(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        Language lang = language(ctx);
        String reason = ctx.request().getParam("reason");
        String notice = reason != null && List.of("expired", "signed-out", "invalid").contains(reason)
                ? Pages.text(lang, "reason." + reason) : null;
        Pages.IdentityChoice choice = switch (identity.method(tenant)) {
            case OIDC -> Pages.IdentityChoice.OIDC;
            case LOCAL -> Pages.IdentityChoice.LOCAL;
            case NONE -> Pages.IdentityChoice.NONE;
        };
        String token = null;
        if (choice == Pages.IdentityChoice.LOCAL) {
            // Double submit: the form's token must equal this cookie, so a cross-site form cannot sign a victim in.
            token = random();
            ctx.response().putHeader("Set-Cookie", SessionCookies.set(SessionCookies.SIGN_IN, token, secure(ctx, tenant),
                    SIGN_IN_COOKIE_SECONDS));
        }
        html(ctx, 200, Pages.signIn(lang, tenant.name(), choice, notice, token));
    }

    private void startOidc(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        String binding = random();
        ctx.vertx().executeBlocking(() -> identity.startOidc(tenant, binding)).onComplete(r -> {
            if (r.succeeded()) {
                ctx.response().putHeader("Set-Cookie", SessionCookies.set(SessionCookies.SIGN_IN, binding,
                        secure(ctx, tenant), SIGN_IN_COOKIE_SECONDS));
                redirect(ctx, 302, r.result().toString());
            } else {
                refuse(ctx, tenant, visitor, "sign-in", r.cause());
            }
        });
    }

    private void callback(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        HttpServerRequest req = ctx.request();
        String error = req.getParam("error");
        if (error != null) {
            String description = req.getParam("error_description");
            refuse(ctx, tenant, visitor, "sign-in", new SignInRefused(401, "ProviderRefused", "the identity provider "
                    + "answered " + error + (description == null ? "" : ": " + description)));
            return;
        }
        String binding = SessionCookies.cookie(req.getHeader("Cookie"), SessionCookies.SIGN_IN);
        String state = req.getParam("state");
        String code = req.getParam("code");
        ctx.vertx().executeBlocking(() -> identity.finishOidc(tenant, state, code, binding)).onComplete(r -> {
            if (r.succeeded()) {
                signedIn(ctx, tenant, visitor, r.result());
            } else {
                refuse(ctx, tenant, visitor, "sign-in", r.cause());
            }
        });
    }

    private void passwordSignIn(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        HttpServerRequest req = ctx.request();
        String origin = req.getHeader("Origin");
        String self = selfOrigin(req);
        String cookie = SessionCookies.cookie(req.getHeader("Cookie"), SessionCookies.SIGN_IN);
        readForm(ctx, form -> {
            String user = form.getOrDefault("username", "");
            visitor.actor = new AccessLog.Actor(user.isEmpty() || user.length() > 253 ? "anonymous" : user, Person.LOCAL);
            if (origin != null && !Csrf.originAllowed(origin, self, identity.externalOrigin(tenant))) {
                refuse(ctx, tenant, visitor, "sign-in", new SignInRefused(403, "OriginMismatch", "Origin " + origin
                        + " is not the console's own origin"));
                return;
            }
            if (!Csrf.tokenMatches(cookie, form.get("signin"))) {
                refuse(ctx, tenant, visitor, "sign-in", new SignInRefused(403, "SignInTokenMismatch", "the sign-in form "
                        + "is stale or was not sent from this console; open the sign-in page again"));
                return;
            }
            char[] password = form.getOrDefault("password", "").toCharArray();
            ctx.vertx().executeBlocking(() -> identity.passwordSignIn(tenant, user, password, visitor.ip)).onComplete(r -> {
                java.util.Arrays.fill(password, '\0');
                if (r.succeeded()) {
                    signedIn(ctx, tenant, visitor, r.result());
                } else {
                    refuse(ctx, tenant, visitor, "sign-in", r.cause());
                }
            });
        });
    }

    /** A person was identified: refused without a role of the tenant, else a new session and on to the console. */
    private void signedIn(RoutingContext ctx, TenantRuntime tenant, Visitor visitor, Person person) {
        visitor.actor = new AccessLog.Actor(person.name(), person.authMethod());
        List<Roles.Role> roles = identity.roles(tenant, person);
        if (roles.isEmpty()) {
            refuse(ctx, tenant, visitor, "sign-in", new SignInRefused(403, "NoRole", person.name() + " has no role in "
                    + "tenant " + tenant.name() + ": the Tenant's owners, operators and viewers name neither this user "
                    + "nor any of their groups"));
            return;
        }
        if (visitor.sessionId != null) {
            identity.sessions().end(visitor.sessionId);
        }
        SessionStore.Created created = identity.startSession(tenant, person);
        boolean secure = secure(ctx, tenant);
        long maxAge = Math.max(1, created.session().maxAgeMillis() / 1000);
        HttpServerResponse r = ctx.response();
        r.headers().add("Set-Cookie", SessionCookies.set(SessionCookies.SESSION, tenant.name() + "." + created.id(), secure, maxAge));
        r.headers().add("Set-Cookie", SessionCookies.set(SessionCookies.SIGN_IN, "", secure, 0));
        accessLog.personEvent(tenant.name(), visitor.actor, visitor.ip, "sign-in", 303, "signed in; roles "
                + String.join(", ", roles.stream().map(Roles.Role::label).toList()));
        redirect(ctx, 303, "/console/" + tenant.name() + "/");
    }

    /** GET /console/{tenant}/session: the person, roles, scopes, CSRF token and expiry of the session. */
    private void whoAmI(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        if (visitor.session == null) {
            json(ctx, 401, Map.of("error", "not signed in to tenant " + tenant.name(), "signIn",
                    "/console/" + tenant.name() + "/login"));
            return;
        }
        Session s = visitor.session;
        List<Roles.Role> roles = identity.roles(tenant, s.person());
        if (roles.isEmpty()) {
            json(ctx, 403, Map.of("error", s.person().name() + " has no role in tenant " + tenant.name()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant", tenant.name());
        body.put("principal", s.person().name());
        body.put("authMethod", s.person().authMethod());
        body.put("groups", s.person().groups());
        body.put("roles", roles.stream().map(Roles.Role::label).toList());
        body.put("scopes", Roles.scopes(roles).stream().map(Enum::name).sorted().toList());
        body.put("csrfToken", s.csrfToken());
        body.put("csrfHeader", SessionAuthenticator.CSRF_HEADER);
        body.put("expiresAt", Instant.ofEpochMilli(s.expiresAt()).toString());
        body.put("idleTimeoutSeconds", s.idleMillis() / 1000);
        json(ctx, 200, body);
    }

    /** POST /console/{tenant}/logout: ends the session server-side (CSRF token and Origin required). */
    private void signOut(RoutingContext ctx, TenantRuntime tenant, Visitor visitor) {
        HttpServerRequest req = ctx.request();
        if (visitor.session == null) {
            json(ctx, 401, Map.of("error", "not signed in to tenant " + tenant.name(), "field", "cookie"));
            return;
        }
        String problem = Csrf.problem(req.getHeader("Origin"), req.getHeader(SessionAuthenticator.CSRF_HEADER),
                visitor.session.csrfToken(), selfOrigin(req), identity.externalOrigin(tenant));
        if (problem != null) {
            json(ctx, 403, Map.of("error", problem, "field", problem.startsWith("Origin") ? "Origin" : SessionAuthenticator.CSRF_HEADER));
            return;
        }
        identity.sessions().end(visitor.sessionId);
        accessLog.personEvent(tenant.name(), visitor.actor, visitor.ip, "sign-out", 204, "session ended");
        ctx.response().putHeader("Set-Cookie", SessionCookies.set(SessionCookies.SESSION, "", secure(ctx, tenant), 0));
        SecurityHeaders.apply(ctx.response(), false);
        ctx.response().setStatusCode(204).end();
    }

    private void chooser(RoutingContext ctx) {
        String wanted = ctx.request().getParam("tenant");
        if (wanted != null && TENANT.matcher(wanted).matches() && wanted.length() <= 63) {
            redirect(ctx, 303, "/console/" + wanted + "/");
            return;
        }
        if (registry.tenants().size() == 1) {
            redirect(ctx, 303, "/console/" + registry.tenants().keySet().iterator().next() + "/");
            return;
        }
        html(ctx, 200, Pages.chooser(language(ctx)));
    }

    private void asset(RoutingContext ctx) {
        Assets.Asset a = assets.get(ctx.pathParam("name"));
        HttpServerResponse r = ctx.response();
        SecurityHeaders.apply(r, true);
        if (a == null) {
            r.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("no such file");
            return;
        }
        r.putHeader("ETag", a.etag());
        if (a.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            r.setStatusCode(304).end();
            return;
        }
        r.putHeader("Content-Type", a.contentType()).end(Buffer.buffer(a.bytes()));
    }

    /** A refused sign-in: a page with the reason, and a line in the tenant's access log. */
    private void refuse(RoutingContext ctx, TenantRuntime tenant, Visitor visitor, String action, Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof SignInRefused)) {
            t = t.getCause();
        }
        SignInRefused e = t instanceof SignInRefused s ? s : new SignInRefused(500, "InternalError", "the sign-in failed");
        if (!(t instanceof SignInRefused)) {
            org.slf4j.LoggerFactory.getLogger(ConsoleRouter.class).error("sign-in to {} failed", tenant.name(), failure);
        }
        accessLog.personEvent(tenant.name(), visitor.actor, visitor.ip, action + "-refused", e.status(), e.reason() + ": "
                + e.getMessage());
        if (e.status() == 429) {
            ctx.response().putHeader("Retry-After", "60");
        }
        html(ctx, e.status(), Pages.refused(language(ctx), tenant.name(), e.reason(), e.getMessage()));
    }

    private void readForm(RoutingContext ctx, java.util.function.Consumer<Map<String, String>> then) {
        HttpServerRequest req = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_FORM_BYTES) {
                failed[0] = true;
                html(ctx, 413, Pages.refused(language(ctx), null, "TooLarge", "the form is larger than " + MAX_FORM_BYTES + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> failed[0] = true);
        req.endHandler(v -> {
            if (!failed[0]) {
                then.accept(parseForm(body.toString(StandardCharsets.UTF_8)));
            }
        });
        req.resume();
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: the field is left out and the form fails on what is missing
            }
        }
        return form;
    }

    /**
     * Whether cookies are {@code Secure} (and {@code __Host-}): when this request came over TLS, or the console's
     * external address is https (TLS ended at an ingress in front of ingest).
     */
    private boolean secure(RoutingContext ctx, TenantRuntime tenant) {
        String external = identity.externalOrigin(tenant);
        return ctx.request().isSSL() || (external != null && external.startsWith("https://"));
    }

    /** The peer address of the connection, as the tenant API takes it: forwarding headers are not trusted. */
    private static InetAddress peer(RoutingContext ctx) {
        io.vertx.core.net.SocketAddress a = ctx.request().connection().remoteAddress();
        String host = a == null ? null : a.hostAddress();
        if (host == null) {
            return null;
        }
        int zone = host.indexOf('%');
        try {
            return io.opsgate.api.validation.Cidrs.address(zone < 0 ? host : host.substring(0, zone));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String selfOrigin(HttpServerRequest req) {
        io.vertx.core.net.HostAndPort a = req.authority();
        return a == null ? null : (req.isSSL() ? "https://" : "http://") + a.host() + (a.port() >= 0 ? ":" + a.port() : "");
    }

    private static Language language(RoutingContext ctx) {
        return Language.of(ctx.request().getParam("lang"), ctx.request().getHeader("Accept-Language"));
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void redirect(RoutingContext ctx, int status, String location) {
        HttpServerResponse r = ctx.response();
        if (r.ended()) {
            return;
        }
        SecurityHeaders.apply(r, false);
        r.setStatusCode(status).putHeader("Location", URI.create(location).toString()).end();
    }

    private static void html(RoutingContext ctx, int status, String page) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        SecurityHeaders.apply(r, false);
        r.setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(page);
    }

    private static void json(RoutingContext ctx, int status, Map<String, ?> body) {
        HttpServerResponse r = ctx.response();
        SecurityHeaders.apply(r, false);
        try {
            r.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
