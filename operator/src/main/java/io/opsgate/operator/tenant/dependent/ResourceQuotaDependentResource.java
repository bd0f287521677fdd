package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.TenantQuotaBuilder;

import java.util.Objects;

/**
 * The namespace's ResourceQuota, matched exactly. Quantities compare by value (Fabric8's Quantity
 * equality), because the API server rewrites them in canonical form ("0.5" becomes "500m").
 */
public final class ResourceQuotaDependentResource extends TenantDependentResource<ResourceQuota> {
    public ResourceQuotaDependentResource() {
        super(ResourceQuota.class, TenantQuotaBuilder.QUOTA_NAME, TenantQuotaBuilder::quota, true);
    }

    @Override
    protected boolean matchesExactly(ResourceQuota actual, ResourceQuota desired, Context<Tenant> context) {
        return Objects.equals(actual.getSpec(), desired.getSpec());
    }
}
