package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.ServiceAccount;

/** The ServiceAccount of one workload, without an automounted API token. */
public final class ServiceAccountDependentResource extends TenantDependentResource<ServiceAccount> {
    public ServiceAccountDependentResource(Workload workload) {
        super(ServiceAccount.class, workload.objectName() + "-serviceaccount",
                d -> TenantRbacBuilder.serviceAccount(d, workload), true);
    }
}
