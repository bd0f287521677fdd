package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantRbacBuilder;
import io.opsgate.operator.tenant.model.TenantRole;
import io.opsgate.operator.tenant.model.Workload;

import io.fabric8.kubernetes.api.model.rbac.Role;

/** One of the tenant's Roles, matched exactly: a verb or resource added by hand is removed. */
public final class RoleDependentResource extends TenantDependentResource<Role> {
    public RoleDependentResource(TenantRole which) {
        super(Role.class, which.objectName() + "-role", d -> TenantRbacBuilder.role(d, which), true);
    }

    /** The Role of a workload's ServiceAccount (ingest's: create OpsJobRuns, patch Monitor status). */
    public RoleDependentResource(Workload workload) {
        super(Role.class, workload.objectName() + "-role", d -> TenantRbacBuilder.workloadRole(d, workload), true);
    }
}
