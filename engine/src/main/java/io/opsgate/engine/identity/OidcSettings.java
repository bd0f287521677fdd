package io.opsgate.engine.identity;

import java.util.List;

/**
 * One tenant's OpenID Connect client: from its Tenant's {@code spec.console.oidc}, or from the engine's
 * {@code --oidc-*} options for tenants without one.
 *
 * @param issuer        the provider's issuer URL, exactly as in its ID tokens
 * @param clientId      the registered client id
 * @param clientSecret  the client secret, or null for a public client
 * @param redirectUri   where the provider sends the browser back ({@code .../console/<tenant>/callback})
 * @param scopes        scopes besides openid
 * @param usernameClaim the claim that names the person
 * @param groupsClaim   the claim with the person's groups
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, String redirectUri, List<String> scopes,
                           String usernameClaim, String groupsClaim) {
    public static final String DEFAULT_USERNAME_CLAIM = "preferred_username";
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final List<String> DEFAULT_SCOPES = List.of("profile", "email");

    public OidcSettings {
        scopes = scopes == null || scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(scopes);
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? DEFAULT_USERNAME_CLAIM : usernameClaim;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? DEFAULT_GROUPS_CLAIM : groupsClaim;
    }

    /** The same without the secret, for logs and equality checks that must not show it. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", confidential=" + (clientSecret != null)
                + ", redirectUri=" + redirectUri + "]";
    }
}
