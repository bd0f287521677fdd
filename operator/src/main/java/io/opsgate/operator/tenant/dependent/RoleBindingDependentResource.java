package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantRbacBuilder;
import io.opsgate.operator.tenant.model.TenantRole;
import io.opsgate.operator.tenant.model.Workload;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/** One of the tenant's RoleBindings, matched exactly: a subject added by hand is removed. */
public final class RoleBindingDependentResource extends TenantDependentResource<RoleBinding> {
    public RoleBindingDependentResource(TenantRole which) {
        super(RoleBinding.class, which.objectName() + "-rolebinding", d -> TenantRbacBuilder.roleBinding(d, which), true);
    }

    /** Binds a workload's Role to that workload's ServiceAccount only. */
    public RoleBindingDependentResource(Workload workload) {
        super(RoleBinding.class, workload.objectName() + "-rolebinding", d -> TenantRbacBuilder.workloadRoleBinding(d, workload),
                true);
    }
}
