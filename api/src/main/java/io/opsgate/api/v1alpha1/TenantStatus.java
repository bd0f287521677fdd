package io.opsgate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.opsgate.api.common.OpsgateStatus;

import java.util.ArrayList;
import java.util.List;

/** What the operator reports about a tenant. */
@JsonClassDescription("What the operator reports about the tenant: conditions, namespace, endpoints, the compiled "
        + "configuration's hash, object counts and ISO/IEC 27017 controls.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantStatus extends OpsgateStatus {

    @JsonPropertyDescription("The tenant's namespace.")
    public String namespace;

    @JsonPropertyDescription("In-cluster URL of the ingest API, for Prometheus' alerting configuration.")
    public String ingestEndpoint;

    @JsonPropertyDescription("SHA-256 of the compiled configuration the workloads run with.")
    public String configHash;

    @JsonPropertyDescription("How many objects of each kind are in effect, and how many are invalid.")
    public TenantCounts counts;

    @JsonPropertyDescription("ISO/IEC 27017 controls and the evidence for each, for auditors.")
    public List<ControlStatus> controls = new ArrayList<>();

    @JsonPropertyDescription("The access log's head and anchor as last verified, compared with ingest's evidence at each "
            + "verification so that a cut-off or dropped entry shows (control 12.4.1). Remove it to accept a log that was "
            + "reset on purpose.")
    public AccessLogCheckpoint accessLog;
}
