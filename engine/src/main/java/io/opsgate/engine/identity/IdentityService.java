package io.opsgate.engine.identity;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.ConsoleSpec;
import io.opsgate.api.v1alpha1.OidcSpec;
import io.opsgate.engine.tenant.TenantRuntime;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How the people of each tenant sign in and stay signed in: the tenant's OpenID provider (its Tenant's
 * {@code spec.console.oidc}, else the engine's {@code --oidc-*} options), else the local users file
 * (standalone), and the sessions of this process. The console's routes call it; the tenant API reaches it
 * only through {@link SessionAuthenticator}.
 */
public final class IdentityService {
    /** How a tenant's people sign in. */
    public enum Method { OIDC, LOCAL, NONE }

    private final IdentityOptions options;
    private final boolean standalone;
    private final Path secretsDir;
    private final SessionStore sessions;
    private final OidcSignIn oidc;
    private final LocalUsers localUsers;
    private final LoginThrottle userThrottle;
    private final LoginThrottle addressThrottle;
    private final People people = new People();
    private final Clock clock;
    private volatile String listenerBase;

    public IdentityService(IdentityOptions options, String mode, Path secretsDir, Clock clock) {
        this.options = options;
        this.standalone = mode.equals("standalone");
        this.secretsDir = secretsDir;
        this.clock = clock;
        this.sessions = new SessionStore(clock);
        this.oidc = new OidcSignIn(clock);
        this.localUsers = options.usersFile() == null ? null : new LocalUsers(options.usersFile());
        this.userThrottle = new LoginThrottle(clock, LoginThrottle.FREE_FAILURES);
        this.addressThrottle = new LoginThrottle(clock, LoginThrottle.FREE_FAILURES_PER_ADDRESS);
    }

    /** The listener's own URL ({@code http://127.0.0.1:9093}), the default base of redirect URLs; after it binds. */
    public void listenerBase(String base) {
        this.listenerBase = base;
    }

    private String redirectFromFlags(IdentityOptions.OidcFlags f, String tenant) {
        String template = f.redirectUrl() != null ? f.redirectUrl() : listenerBase + "/console/{tenant}/callback";
        return template.replace("{tenant}", tenant);
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** How the people of {@code tenant} sign in. */
    public Method method(TenantRuntime tenant) {
        if (oidcSpec(tenant.config().compiled) != null || options.oidc() != null) {
            return Method.OIDC;
        }
        return localUsers != null ? Method.LOCAL : Method.NONE;
    }

    /** The tenant's OpenID client; reads the client secret's file now, so a rotated secret is used at once. */
    public OidcSettings oidcSettings(TenantRuntime tenant) throws SignInRefused {
        CompiledConfig c = tenant.config().compiled;
        OidcSpec spec = oidcSpec(c);
        if (spec != null) {
            String secret = null;
            if (spec.clientSecretRef != null) {
                Path base = standalone ? secretsDir.resolve(c.namespace) : secretsDir;
                secret = readSecret(base.resolve(spec.clientSecretRef.name).resolve(OidcSpec.CLIENT_SECRET_KEY));
            }
            return new OidcSettings(spec.issuer, spec.clientId, secret, spec.redirectUrl, spec.scopes, spec.usernameClaim,
                    spec.groupsClaim);
        }
        IdentityOptions.OidcFlags f = options.oidc();
        if (f == null) {
            throw new SignInRefused(404, "NoSignIn", "tenant " + tenant.name() + " has no sign-in configured");
        }
        return new OidcSettings(f.issuer(), f.clientId(), f.clientSecretFile() == null ? null : readSecret(f.clientSecretFile()),
                redirectFromFlags(f, tenant.name()), f.scopes(), f.usernameClaim(), f.groupsClaim());
    }

    /**
     * The console's configured external origin ({@code scheme://host[:port]} of the redirect URL), accepted as
     * a request's Origin besides the address it was sent to (TLS ended at an ingress); null when none.
     */
    public String externalOrigin(TenantRuntime tenant) {
        String redirect;
        OidcSpec spec = oidcSpec(tenant.config().compiled);
        if (spec != null) {
            redirect = spec.redirectUrl;
        } else if (options.oidc() != null) {
            redirect = redirectFromFlags(options.oidc(), tenant.name());
        } else {
            return null;
        }
        try {
            URI u = URI.create(redirect);
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Starts an OpenID sign-in; returns the provider's authorization URL. Blocking. */
    public URI startOidc(TenantRuntime tenant, String binding) throws SignInRefused {
        return oidc.start(tenant.name(), oidcSettings(tenant), binding);
    }

    /** Finishes an OpenID sign-in from the provider's answer. Blocking. */
    public Person finishOidc(TenantRuntime tenant, String state, String code, String binding) throws SignInRefused {
        return oidc.finish(tenant.name(), oidcSettings(tenant), state, code, binding);
    }

    /**
     * Checks a password from the local users file, with backoff per user name and per source address.
     * Blocking (Argon2id takes tens of milliseconds on purpose).
     */
    public Person passwordSignIn(TenantRuntime tenant, String user, char[] password, String sourceIp) throws SignInRefused {
        if (localUsers == null || method(tenant) != Method.LOCAL) {
            throw new SignInRefused(404, "NoSignIn", "tenant " + tenant.name() + " has no password sign-in");
        }
        String address = String.valueOf(sourceIp);
        long wait = Math.max(userThrottle.retryAfterSeconds(user), addressThrottle.retryAfterSeconds(address));
        if (wait > 0) {
            throw new SignInRefused(429, "TooManyAttempts", "too many failed sign-ins; try again in " + wait + " s");
        }
        Person p = localUsers.authenticate(user, password);
        if (p == null) {
            userThrottle.failed(user);
            addressThrottle.failed(address);
            throw new SignInRefused(401, "BadCredentials", "the user name or the password is not right");
        }
        userThrottle.succeeded(user);
        return p;
    }

    /** The roles the Tenant in force gives {@code person}. */
    public List<Roles.Role> roles(TenantRuntime tenant, Person person) {
        return Roles.of(tenant.config().compiled.tenantSpec, person);
    }

    /** Starts a session with the tenant's lifetimes (its spec.console, else the options'). */
    public SessionStore.Created startSession(TenantRuntime tenant, Person person) {
        ConsoleSpec console = tenant.config().compiled.tenantSpec.console;
        Duration idle = console == null ? options.idle() : Durations.parseOr(console.idleTimeout, options.idle());
        Duration max = console == null ? options.maxAge() : Durations.parseOr(console.maxSessionAge, options.maxAge());
        people.signedIn(tenant, person, clock.millis());
        return sessions.create(tenant.name(), person, idle.toMillis(), max.toMillis());
    }

    /** The people of a tenant a ticket can be assigned to. */
    public People people() {
        return people;
    }

    private static OidcSpec oidcSpec(CompiledConfig c) {
        return c.tenantSpec == null || c.tenantSpec.console == null ? null : c.tenantSpec.console.oidc;
    }

    private static String readSecret(Path file) throws SignInRefused {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SignInRefused(503, "ClientSecretUnreadable", "the OpenID client secret cannot be read from " + file);
        }
    }
}
