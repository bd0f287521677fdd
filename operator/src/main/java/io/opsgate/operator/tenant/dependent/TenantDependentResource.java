package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.DesiredTenant;

import java.util.function.Function;

/**
 * One object the operator owns for a tenant, created and kept as its builder says. Owned through an
 * owner reference to the Tenant; the operator's informer for its type is shared by every dependent of
 * that type. Each create and update is recorded for the reconcile's Events.
 *
 * <p>By default JOSDK's matcher accepts fields added to the live object (the API server adds
 * defaults). Security objects pass {@code exact}: every value must equal the desired state, so an
 * allow rule added by hand is removed (docs/architecture.md, "Operator: server-side apply").
 *
 * @param <R> the Kubernetes type
 */
public abstract class TenantDependentResource<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Tenant> {

    private final Function<DesiredTenant, R> builder;
    private final boolean exact;

    protected TenantDependentResource(Class<R> type, String name, Function<DesiredTenant, R> builder, boolean exact) {
        super(type, name);
        this.builder = builder;
        this.exact = exact;
    }

    @Override
    protected R desired(Tenant primary, Context<Tenant> context) {
        return builder.apply(TenantReconcileState.of(context).desired());
    }

    @Override
    public Matcher.Result<R> match(R actual, R desired, Tenant primary, Context<Tenant> context) {
        if (!TenantOwnership.isOwnedBy(actual, primary)) {
            // left behind by a Tenant of this name with deletionPolicy Retain: adopt it
            addMetadata(true, actual, desired, primary, context);
            return Matcher.Result.computed(false, desired);
        }
        if (!exact) {
            return super.match(actual, desired, primary, context);
        }
        addMetadata(true, actual, desired, primary, context);
        return Matcher.Result.computed(matchesExactly(actual, desired, context), desired);
    }

    /** Value equality of everything but metadata; labels and annotations may have been added by others. */
    protected boolean matchesExactly(R actual, R desired, Context<Tenant> context) {
        return GenericKubernetesResourceMatcher.match(desired, actual, false, true, context).matched();
    }

    @Override
    public R create(R desired, Tenant primary, Context<Tenant> context) {
        R created = super.create(desired, primary, context);
        TenantReconcileState.of(context).record(TenantReconcileState.CREATED, created);
        return created;
    }

    /** Updates from the live object's metadata, with the owner reference added if it was missing. */
    @Override
    public R update(R actual, R desired, Tenant primary, Context<Tenant> context) {
        R updated = super.update(TenantOwnership.ownedCopy(actual, primary, context), desired, primary, context);
        TenantReconcileState.of(context).record(TenantReconcileState.of(context).updateAction(), updated);
        return updated;
    }
}
