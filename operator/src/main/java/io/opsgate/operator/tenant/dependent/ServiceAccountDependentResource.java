package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantRbacBuilder;
import io.opsgate.operator.tenant.model.Workload;

import io.fabric8.kubernetes.api.model.ServiceAccount;

/**
 * The ServiceAccount of one workload, without an automounted API token. Matched by JOSDK's default
 * (a changed or removed automountServiceAccountToken is put back), because clusters before 1.24 add
 * token Secrets to every ServiceAccount and exact matching would fight that controller.
 */
public final class ServiceAccountDependentResource extends TenantDependentResource<ServiceAccount> {
    public ServiceAccountDependentResource(Workload workload) {
        super(ServiceAccount.class, workload.objectName() + "-serviceaccount",
                d -> TenantRbacBuilder.serviceAccount(d, workload), false);
    }
}
