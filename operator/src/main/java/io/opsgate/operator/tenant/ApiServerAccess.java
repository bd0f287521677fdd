package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.operator.tenant.model.ApiServerEndpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * When ingest needs the Kubernetes API server, and where it is. Ingest writes Monitor status and creates
 * OpsJobRuns for triggered OpsJobs; a tenant with neither gets no way to the API server. The addresses are the
 * {@code kubernetes} Service's endpoints, which every cluster publishes in namespace {@code default}.
 */
final class ApiServerAccess {

    static final String NAMESPACE = "default";
    static final String SERVICE = "kubernetes";
    static final String SERVICE_LABEL = "kubernetes.io/service-name";

    private ApiServerAccess() {
    }

    /** Whether the compiled configuration has Monitors or OpsJobs an alert triggers. */
    static boolean needed(CompiledConfig config) {
        return !config.monitors.isEmpty()
                || config.opsJobs.stream().anyMatch(j -> j.spec != null && j.spec.trigger != null);
    }

    /** The ready addresses and ports of the slices, in a stable order; an endpoint not ready is left out. */
    static List<ApiServerEndpoint> endpoints(List<EndpointSlice> slices) {
        Set<ApiServerEndpoint> result = new LinkedHashSet<>();
        slices.stream()
                .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
                .forEach(slice -> {
                    List<Integer> ports = new ArrayList<>();
                    for (EndpointPort p : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
                        if (p.getPort() != null && (p.getProtocol() == null || "TCP".equals(p.getProtocol()))) {
                            ports.add(p.getPort());
                        }
                    }
                    for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                        boolean ready = e.getConditions() == null || e.getConditions().getReady() == null
                                || e.getConditions().getReady();
                        if (!ready || e.getAddresses() == null) {
                            continue;
                        }
                        for (String address : e.getAddresses()) {
                            ports.forEach(port -> result.add(new ApiServerEndpoint(address, port)));
                        }
                    }
                });
        return List.copyOf(result);
    }
}
