package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Who may send alerts to a tenant, and how fast. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngestSpec extends WorkloadSpec {

    @JsonPropertyDescription("Source CIDRs allowed to reach the ingest workload (NetworkPolicy) and its API "
            + "(checked again by the engine on each request). Empty means no source outside the cluster.")
    public List<String> allowedCidrs = new ArrayList<>();

    @JsonPropertyDescription("Namespaces whose pods may reach the ingest workload, for example the namespace of "
            + "an in-cluster Prometheus.")
    public List<String> allowedNamespaces = new ArrayList<>();

    @JsonPropertyDescription("Rate limit on accepted alerts.")
    public RateLimitSpec rateLimit;
}
