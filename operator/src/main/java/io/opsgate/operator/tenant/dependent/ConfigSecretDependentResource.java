package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantSecretBuilder;

import io.fabric8.kubernetes.api.model.Secret;

/** The Secret holding the compiled configuration; matched exactly, re-rendered when any input changes. */
public final class ConfigSecretDependentResource extends TenantDependentResource<Secret> {
    public ConfigSecretDependentResource() {
        super(Secret.class, TenantSecretBuilder.CONFIG_SECRET, TenantSecretBuilder::config, true);
    }
}
