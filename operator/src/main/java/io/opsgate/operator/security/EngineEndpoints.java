package io.opsgate.operator.security;

import io.opsgate.operator.tenant.model.Workload;

import java.net.URI;

/** Where the operator reaches a tenant's ingest and notify internal APIs. */
@FunctionalInterface
public interface EngineEndpoints {

    /** The base URI (scheme, host, port) of {@code workload} in {@code namespace}. */
    URI of(String namespace, Workload workload);

    /** In the cluster: the workload's Service over HTTPS, a name its certificate carries. */
    static EngineEndpoints inCluster() {
        return (namespace, w) -> URI.create("https://" + w.objectName() + "." + namespace + ".svc:" + w.httpPort());
    }
}
