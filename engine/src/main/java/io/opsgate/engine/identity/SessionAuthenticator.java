package io.opsgate.engine.identity;

import io.opsgate.api.v1alpha1.ApiTokenSpec.TokenScope;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import io.opsgate.engine.tenant.TokenGrant;

import java.util.List;
import java.util.Set;

/**
 * The one seam between the console's sessions and the tenant API: a request without a bearer token but with
 * a session cookie is the session's person, with the scopes the Tenant's roles give them now. Every
 * state-changing request must carry the session's CSRF token in {@value #CSRF_HEADER} (compared in constant
 * time) and an {@code Origin} of the console itself.
 */
public final class SessionAuthenticator {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * What a session cookie resolved to.
     *
     * @param grant   what the person may do (tenant, name as the actor, scopes), or null when refused
     * @param person  the person, or null when unknown
     * @param tenant  the tenant the cookie names (for the access log), or null when it names none that runs
     * @param status  0 when granted, else the HTTP status of the refusal (401, 403)
     * @param message why it was refused
     * @param field   the request part the refusal is about (cookie, header), or null
     */
    public record Resolution(TokenGrant grant, Person person, String tenant, int status, String message, String field) {
        static Resolution refused(String tenant, Person person, int status, String message, String field) {
            return new Resolution(null, person, tenant, status, message, field);
        }

        public boolean granted() {
            return grant != null;
        }
    }

    private final TenantRegistry registry;
    private final IdentityService identity;

    public SessionAuthenticator(TenantRegistry registry, IdentityService identity) {
        this.registry = registry;
        this.identity = identity;
    }

    /** The tenant's people (owners and operators the Tenant names, and who signed in), for the assignee list. */
    public List<People.Listed> people(TenantRuntime tenant) {
        return identity.people().list(tenant);
    }

    /**
     * Resolves the session cookie of a request, or returns null when it carries none.
     *
     * @param selfOrigin the origin the request was sent to ({@code http(s)://<Host header>})
     */
    public Resolution resolve(String cookieHeader, String method, String origin, String csrfToken, String selfOrigin) {
        SessionCookies.Value cookie = SessionCookies.session(cookieHeader);
        if (cookie == null) {
            return null;
        }
        TenantRuntime runtime = cookie.tenant() == null ? null : registry.tenant(cookie.tenant());
        String tenant = runtime == null ? null : runtime.name();
        SessionStore.Lookup found = identity.sessions().find(cookie.id());
        if (found.status() == SessionStore.Status.UNKNOWN || !found.session().tenant().equals(cookie.tenant())) {
            return Resolution.refused(tenant, null, 401, "the session is not valid (signed out, or not issued by this "
                    + "server); sign in again at /console/" + (tenant == null ? "" : tenant + "/"), "cookie");
        }
        Session s = found.session();
        if (found.status() == SessionStore.Status.EXPIRED) {
            return Resolution.refused(tenant, s.person(), 401, "the session has expired; sign in again at /console/"
                    + s.tenant() + "/", "cookie");
        }
        if (runtime == null) {
            return Resolution.refused(null, s.person(), 401, "tenant " + s.tenant() + " does not run here", "cookie");
        }
        if (!SAFE.contains(method)) {
            String problem = Csrf.problem(origin, csrfToken, s.csrfToken(), selfOrigin, identity.externalOrigin(runtime));
            if (problem != null) {
                return Resolution.refused(tenant, s.person(), 403, problem, problem.startsWith("Origin") ? "Origin" : CSRF_HEADER);
            }
        }
        List<Roles.Role> roles = Roles.of(runtime.config().compiled.tenantSpec, s.person());
        if (roles.isEmpty()) {
            return Resolution.refused(tenant, s.person(), 403, s.person().name() + " has no role in tenant " + tenant
                    + " (owners, operators, viewers) any more", null);
        }
        Set<TokenScope> scopes = Roles.scopes(roles);
        return new Resolution(new TokenGrant(runtime, s.person().name(), scopes, new byte[0], s.expiresAt()), s.person(),
                tenant, 0, null, null);
    }
}
