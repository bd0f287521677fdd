package io.opsgate.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory quantities, as in a container's resources. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceList {

    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("CPU quantity, for example 100m or 2.")
    public String cpu;

    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("Memory quantity, for example 256Mi or 1Gi.")
    public String memory;

    public ResourceList() {
    }

    public ResourceList(String cpu, String memory) {
        this.cpu = cpu;
        this.memory = memory;
    }
}
