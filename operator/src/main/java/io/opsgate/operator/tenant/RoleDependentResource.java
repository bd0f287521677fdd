package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.rbac.Role;

/** One of the tenant's Roles, matched exactly: a verb or resource added by hand is removed. */
public final class RoleDependentResource extends TenantDependentResource<Role> {
    public RoleDependentResource(TenantRole which) {
        super(Role.class, which.objectName() + "-role", d -> TenantRbacBuilder.role(d, which), true);
    }
}
