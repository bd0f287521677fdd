package io.opsgate.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A Secret in the object's own namespace. In a cluster it is mounted as files under
 * {@code /var/run/opsgate/secrets/<name>/<key>}; standalone reads the same layout from its secrets directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Secret in the same namespace.")
    public String name;

    public SecretReference() {
    }

    public SecretReference(String name) {
        this.name = name;
    }
}
