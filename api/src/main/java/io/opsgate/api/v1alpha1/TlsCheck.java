package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A TLS handshake and the validity left on the server certificate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsCheck {
    @Required
    @JsonPropertyDescription("Host name or IP address.")
    public String host;

    @Default("443")
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("TCP port.")
    public Integer port;

    @JsonPropertyDescription("Server name for SNI and verification; default host.")
    public String serverName;

    @Default("14")
    @Min(0)
    @Max(3650)
    @JsonPropertyDescription("Fail when the certificate expires within this many days.")
    public Integer expiryDays;
}
