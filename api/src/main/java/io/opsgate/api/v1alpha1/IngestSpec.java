package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** Who may send alerts to a tenant, and how fast. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngestSpec extends WorkloadSpec {

    @JsonPropertyDescription("Source CIDRs allowed to reach the ingest workload: the NetworkPolicy admits them, "
            + "and the engine checks each request's source address against them again. Empty: the NetworkPolicy "
            + "admits no source outside the cluster (only allowedNamespaces) and the engine does not filter by "
            + "address. When set, include the pod CIDR if pods of allowedNamespaces send too.")
    public List<String> allowedCidrs = new ArrayList<>();

    @JsonPropertyDescription("Namespaces whose pods may reach the ingest workload, for example the namespace of "
            + "an in-cluster Prometheus.")
    public List<String> allowedNamespaces = new ArrayList<>();

    @JsonPropertyDescription("Rate limit on accepted alerts.")
    public RateLimitSpec rateLimit;

    @JsonPropertyDescription("Exposure of ingest's HTTPS (and SMTP) outside the cluster: a LoadBalancer or NodePort "
            + "Service, a Gateway API TLSRoute or an Ingress with TLS passthrough. Unset: in-cluster only.")
    public IngestExposeSpec expose;
}
