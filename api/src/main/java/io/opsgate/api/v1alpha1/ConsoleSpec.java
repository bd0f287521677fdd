package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * The tenant's web console (served by ingest under {@code /console/<tenant>/}): how its people sign in and
 * how long a sign-in lasts. The Tenant's owners, operators and viewers decide what each person may do.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsoleSpec {

    @JsonPropertyDescription("Sign-in with OpenID Connect (authorization code flow with PKCE) against the "
            + "cluster's identity provider (Keycloak, Dex, Entra ID, Google). Without it the console has no sign-in "
            + "in a cluster; standalone can use a local users file instead.")
    public OidcSpec oidc;

    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("A NotificationChannel of the tenant that is told of every request or inquiry a person "
            + "opens by hand (the console's New request, POST /api/v1/tickets): the operations team's service desk. "
            + "Without it requests are only listed.")
    public String requestChannel;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("A session ends after this long without a request from the person. Default 30m.")
    public String idleTimeout;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("A session ends this long after sign-in, however active. Default 12h.")
    public String maxSessionAge;
}
