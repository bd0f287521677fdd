package io.opsgate.engine.identity;

import io.opsgate.api.time.Durations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's command-line options for the console's sign-in (docs/console.md): an OpenID provider for
 * tenants whose Tenant names none ({@code --oidc-*}), a local users file for a standalone engine without a
 * provider ({@code --console-users-file}), and session lifetimes for tenants that set none.
 *
 * @param oidc      the process-wide provider, or null
 * @param usersFile the local users file, or null
 * @param idle      default idle timeout of a session
 * @param maxAge    default maximum age of a session
 */
public record IdentityOptions(OidcFlags oidc, Path usersFile, Duration idle, Duration maxAge) {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);
    public static final IdentityOptions NONE = new IdentityOptions(null, null, DEFAULT_IDLE, DEFAULT_MAX_AGE);
    /** The option names this record reads. */
    public static final Set<String> NAMES = Set.of("oidc-issuer", "oidc-client-id", "oidc-client-secret-file",
            "oidc-redirect-url", "oidc-scopes", "oidc-username-claim", "oidc-groups-claim", "console-users-file",
            "console-session-idle", "console-session-max-age");
    public static final String USAGE = """
              console    --oidc-issuer=<url> --oidc-client-id=<id> [--oidc-client-secret-file=<file>]
                         [--oidc-redirect-url=<url with {tenant}>] [--oidc-scopes=profile,email]
                         [--oidc-username-claim=preferred_username] [--oidc-groups-claim=groups]
                         --console-users-file=<file> (standalone without a provider; hash-password makes hashes)
                         --console-session-idle=<30m> --console-session-max-age=<12h>
            """;

    /**
     * The {@code --oidc-*} options.
     *
     * @param issuer           issuer URL
     * @param clientId         client id
     * @param clientSecretFile file holding the client secret, or null for a public client
     * @param redirectUrl      redirect URL, {@code {tenant}} standing for the tenant's name; null for the listener's own
     * @param scopes           scopes besides openid
     * @param usernameClaim    claim naming the person
     * @param groupsClaim      claim with the groups
     */
    public record OidcFlags(String issuer, String clientId, Path clientSecretFile, String redirectUrl, List<String> scopes,
                            String usernameClaim, String groupsClaim) {
    }

    /**
     * Parses the options of {@link #NAMES} from {@code values}. Without {@code --oidc-redirect-url} the redirect
     * URL is the listener's own address followed by {@code /console/<tenant>/callback}.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static IdentityOptions parse(String mode, Map<String, String> values) {
        String issuer = values.get("oidc-issuer");
        String clientId = values.get("oidc-client-id");
        OidcFlags oidc = null;
        if (issuer != null || clientId != null) {
            if (issuer == null || clientId == null) {
                throw new IllegalArgumentException("--oidc-issuer and --oidc-client-id go together");
            }
            if (mode.equals("notify")) {
                throw new IllegalArgumentException("--oidc-* options are for the modes that serve the console: standalone, ingest");
            }
            String redirect = values.get("oidc-redirect-url");
            if (redirect != null && !redirect.endsWith("/console/{tenant}/callback") && !redirect.matches("^.*/console/[a-z0-9-]+/callback$")) {
                throw new IllegalArgumentException("--oidc-redirect-url must end with /console/{tenant}/callback");
            }
            String secret = values.get("oidc-client-secret-file");
            List<String> scopes = values.containsKey("oidc-scopes")
                    ? Arrays.stream(values.get("oidc-scopes").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            oidc = new OidcFlags(issuer, clientId, secret == null ? null : Path.of(secret), redirect, scopes,
                    values.get("oidc-username-claim"), values.get("oidc-groups-claim"));
        }
        String users = values.get("console-users-file");
        if (users != null && !mode.equals("standalone")) {
            throw new IllegalArgumentException("--console-users-file is for standalone mode only; in a cluster people sign "
                    + "in with the Tenant's spec.console.oidc");
        }
        return new IdentityOptions(oidc, users == null ? null : Path.of(users),
                duration(values, "console-session-idle", DEFAULT_IDLE), duration(values, "console-session-max-age", DEFAULT_MAX_AGE));
    }

    private static Duration duration(Map<String, String> values, String name, Duration fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(v);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("--" + name + " must be positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration like 30m or 12h, got \"" + v + "\"");
        }
    }
}
