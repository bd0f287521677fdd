package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.TenantQuotaBuilder;

import java.util.Objects;

/** The namespace's LimitRange, matched exactly with quantities compared by value. */
public final class LimitRangeDependentResource extends TenantDependentResource<LimitRange> {
    public LimitRangeDependentResource() {
        super(LimitRange.class, TenantQuotaBuilder.LIMIT_RANGE_NAME, TenantQuotaBuilder::limitRange, true);
    }

    @Override
    protected boolean matchesExactly(LimitRange actual, LimitRange desired, Context<Tenant> context) {
        return Objects.equals(actual.getSpec(), desired.getSpec());
    }
}
