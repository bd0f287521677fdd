package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.ResourceList;

/** LimitRange defaults for containers that declare no resources. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerDefaults {

    @JsonPropertyDescription("Default requests. Default 100m CPU, 128Mi memory.")
    public ResourceList requests;

    @JsonPropertyDescription("Default limits. Default 500m CPU, 512Mi memory.")
    public ResourceList limits;
}
