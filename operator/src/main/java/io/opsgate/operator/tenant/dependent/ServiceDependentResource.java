package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantServiceBuilder;
import io.opsgate.operator.tenant.model.Workload;

import io.fabric8.kubernetes.api.model.Service;

/** The Service of one workload. */
public final class ServiceDependentResource extends TenantDependentResource<Service> {
    public ServiceDependentResource(Workload workload) {
        super(Service.class, workload.objectName() + "-service", d -> TenantServiceBuilder.build(d, workload), false);
    }
}
