package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.DesiredTenant;

import java.util.function.Function;

/**
 * An owned object that is created when missing and otherwise left alone: data (the stores' volume
 * claims) and generated secrets (the internal token) must survive every ordinary reconcile.
 *
 * @param <R> the Kubernetes type
 */
public abstract class TenantCreateOnlyDependentResource<R extends HasMetadata> extends KubernetesDependentResource<R, Tenant>
        implements Creator<R, Tenant>, GarbageCollected<Tenant> {

    private final Function<DesiredTenant, R> builder;

    protected TenantCreateOnlyDependentResource(Class<R> type, String name, Function<DesiredTenant, R> builder) {
        super(type, name);
        this.builder = builder;
    }

    @Override
    protected R desired(Tenant primary, Context<Tenant> context) {
        return builder.apply(TenantReconcileState.of(context).desired());
    }

    @Override
    public R create(R desired, Tenant primary, Context<Tenant> context) {
        R created = super.create(desired, primary, context);
        TenantReconcileState.of(context).record(TenantReconcileState.CREATED, created);
        return created;
    }
}
