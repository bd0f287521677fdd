package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.opsgate.api.common.Quantities;

/** The tenant namespace's ResourceQuota. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QuotaSpec {

    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("CPU for requests and for limits of all pods together (requests.cpu, limits.cpu). Default 4.")
    public String cpu;

    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("Memory for requests and for limits of all pods together. Default 8Gi.")
    public String memory;

    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Number of pods, including OpsJob pods. Default 20.")
    public Integer pods;

    @Pattern(Quantities.PATTERN)
    @JsonPropertyDescription("Storage requested by all PersistentVolumeClaims. Default 20Gi.")
    public String storage;
}
