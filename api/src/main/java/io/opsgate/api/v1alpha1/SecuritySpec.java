package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The tenant's cryptography and security notices. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecuritySpec {

    @JsonPropertyDescription("A Secret in the tenant namespace with tls.crt, tls.key and ca.crt for the ingest and "
            + "notify listeners (for example from cert-manager). When empty the operator issues and renews them "
            + "from a per-tenant CA.")
    public String tlsSecretName;

    @Pattern(SchemaPatterns.DURATION)
    @JsonPropertyDescription("How often the tenant's data key (which encrypts the credentials opsgate holds) is "
            + "replaced; the old key is destroyed once everything is re-encrypted. Default 90d.")
    public String dataKeyRotation;

    @JsonPropertyDescription("A NotificationChannel of the tenant that receives security notices: token, key and "
            + "certificate rotations, purges, refused configuration.")
    public String noticeChannel;
}
