package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantNamespaceBuilder;

import io.fabric8.kubernetes.api.model.Namespace;

/** The tenant namespace with its Pod Security labels; a label changed by hand is put back. */
public final class NamespaceDependentResource extends TenantDependentResource<Namespace> {
    public NamespaceDependentResource() {
        super(Namespace.class, "namespace", TenantNamespaceBuilder::build, false);
    }
}
