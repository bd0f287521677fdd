package io.opsgate.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests and limits for one container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeResources {

    @JsonPropertyDescription("What the scheduler reserves for the container.")
    public ResourceList requests;

    @JsonPropertyDescription("The most the container may use.")
    public ResourceList limits;

    public ComputeResources() {
    }

    public ComputeResources(ResourceList requests, ResourceList limits) {
        this.requests = requests;
        this.limits = limits;
    }
}
