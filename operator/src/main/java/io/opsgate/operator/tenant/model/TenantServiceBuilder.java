package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.opsgate.operator.common.Labels;

import java.util.ArrayList;
import java.util.List;

/** The ClusterIP Services of ingest and notify: only the ports each workload serves. */
public final class TenantServiceBuilder {

    private TenantServiceBuilder() {
    }

    public static Service build(DesiredTenant d, Workload w) {
        List<ServicePort> ports = new ArrayList<>();
        ports.add(port("http", w.httpPort()));
        if (w == Workload.INGEST) {
            ports.add(port("smtp", Workload.SMTP_PORT));
        }
        ports.add(port("metrics", TenantDeploymentBuilder.METRICS_PORT));
        return new ServiceBuilder()
                .withMetadata(d.meta(w.objectName(), w.component()))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(d.tenantName(), w.component()))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(new IntOrString(name))
                .withProtocol("TCP").build();
    }
}
