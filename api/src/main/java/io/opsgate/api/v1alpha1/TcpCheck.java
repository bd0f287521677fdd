package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A TCP connect. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TcpCheck {
    @Required
    @JsonPropertyDescription("Host name or IP address.")
    public String host;

    @Required
    @Min(1)
    @Max(65535)
    @JsonPropertyDescription("TCP port.")
    public Integer port;
}
