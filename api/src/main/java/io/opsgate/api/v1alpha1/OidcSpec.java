package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.opsgate.api.common.SecretReference;

import java.util.ArrayList;
import java.util.List;

/**
 * An OpenID Connect client registration at the identity provider. The engine discovers the provider's
 * endpoints from {@code <issuer>/.well-known/openid-configuration} and validates ID tokens with its JWKS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OidcSpec {
    /** The key of the client secret in the Secret that clientSecretRef names. */
    public static final String CLIENT_SECRET_KEY = "clientSecret";

    @Required
    @Size(max = 2048)
    @Pattern("^https?://[^\\s]+$")
    @JsonPropertyDescription("The provider's issuer URL, exactly as its ID tokens carry it in iss (Keycloak: "
            + "https://<host>/realms/<realm>; Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0; Google: "
            + "https://accounts.google.com). https is required unless the host is a loopback address.")
    public String issuer;

    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("The client id registered at the provider for this tenant's console.")
    public String clientId;

    @JsonPropertyDescription("Secret in the tenant namespace whose key clientSecret holds the client secret (a "
            + "confidential client). Leave it out for a public client: PKCE protects the code exchange. The operator "
            + "mounts it into ingest only.")
    public SecretReference clientSecretRef;

    @Required
    @Size(max = 2048)
    @Pattern("^https?://[^\\s]+/console/[a-z0-9]([-a-z0-9]*[a-z0-9])?/callback$")
    @JsonPropertyDescription("The URL the provider sends the browser back to: the console's external address "
            + "followed by /console/<tenant>/callback, for example https://ops.example.com/console/acme/callback. "
            + "Register exactly this URL at the provider.")
    public String redirectUrl;

    @JsonPropertyDescription("Scopes asked for besides openid. Default profile and email; add groups where the "
            + "provider needs it for the groups claim (Dex).")
    public List<String> scopes = new ArrayList<>();

    @Size(min = 1, max = 100)
    @JsonPropertyDescription("The ID token claim that names the person, matched against User subjects of owners, "
            + "operators and viewers. Default preferred_username (Keycloak, Entra ID); use email for Google and Dex.")
    public String usernameClaim;

    @Size(min = 1, max = 100)
    @JsonPropertyDescription("The ID token claim with the person's groups (a list of strings), matched against "
            + "Group subjects. Default groups.")
    public String groupsClaim;
}
