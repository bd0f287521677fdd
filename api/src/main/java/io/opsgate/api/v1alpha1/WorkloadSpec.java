package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.opsgate.api.common.ComputeResources;

/** Size of one of the tenant's workloads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadSpec {

    @Min(1)
    @Max(10)
    @JsonPropertyDescription("Number of pods. More than one needs storage type PostgreSQL for ingest.")
    public Integer replicas;

    @JsonPropertyDescription("Requests and limits of the workload's container. Defaults: 100m/256Mi requested, "
            + "1 CPU/512Mi limit.")
    public ComputeResources resources;
}
