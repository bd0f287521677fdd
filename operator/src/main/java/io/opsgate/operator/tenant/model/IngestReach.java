package io.opsgate.operator.tenant.model;

import java.util.List;

/**
 * Where the ingest workload must connect beyond notify and DNS, derived per reconcile: the monitors' targets,
 * and the Kubernetes API server when ingest uses it (it creates OpsJobRuns for triggered OpsJobs and writes
 * Monitor status). Notify never gets either.
 *
 * @param monitorTargets the valid monitors' destinations
 * @param apiServer      the API server's endpoints; empty when the tenant has neither Monitors nor triggered OpsJobs
 */
public record IngestReach(List<MonitorTarget> monitorTargets, List<ApiServerEndpoint> apiServer) {

    public static final IngestReach NONE = new IngestReach(List.of(), List.of());

    public IngestReach {
        monitorTargets = List.copyOf(monitorTargets);
        apiServer = List.copyOf(apiServer);
    }
}
