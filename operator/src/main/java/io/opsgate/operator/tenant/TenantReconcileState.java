package io.opsgate.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.v1alpha1.Tenant;

import java.util.ArrayList;
import java.util.List;

/**
 * What one reconcile of a Tenant shares with its dependents: the desired state to build from, whether
 * the Tenant's spec changed since the last reconcile (so a mismatch is an update rather than drift),
 * and the changes made, which become Events.
 */
final class TenantReconcileState {

    /** One change to one object. */
    record Change(String action, HasMetadata object) {
        String describe() {
            return object.getKind() + " " + object.getMetadata().getName();
        }
    }

    static final String CREATED = "Created";
    static final String UPDATED = "Updated";
    static final String RESTORED = "Restored";
    static final String DELETED = "Deleted";

    private volatile DesiredTenant desired;
    private final boolean specChanged;
    private final List<Change> changes = new ArrayList<>();

    TenantReconcileState(DesiredTenant desired, boolean specChanged) {
        this.desired = desired;
        this.specChanged = specChanged;
    }

    static TenantReconcileState of(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(TenantReconcileState.class, TenantReconcileState.class);
    }

    void attachTo(Context<Tenant> context) {
        context.managedWorkflowAndDependentResourceContext().put(TenantReconcileState.class, this);
    }

    DesiredTenant desired() {
        return desired;
    }

    void desired(DesiredTenant desired) {
        this.desired = desired;
    }

    /** An update is drift repair when the spec did not change: someone edited or removed the object. */
    String updateAction() {
        return specChanged ? UPDATED : RESTORED;
    }

    synchronized void record(String action, HasMetadata object) {
        changes.add(new Change(action, object));
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }
}
