package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantSecretBuilder;

import io.fabric8.kubernetes.api.model.Secret;

/** The random token ingest and notify authenticate each other with; created once, never overwritten. */
public final class InternalSecretDependentResource extends TenantCreateOnlyDependentResource<Secret> {
    public InternalSecretDependentResource() {
        super(Secret.class, TenantSecretBuilder.INTERNAL_SECRET, TenantSecretBuilder::internal);
    }
}
