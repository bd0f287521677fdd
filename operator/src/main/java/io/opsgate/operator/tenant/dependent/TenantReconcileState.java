package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.DesiredTenant;

import java.util.ArrayList;
import java.util.List;

/**
 * What one reconcile of a Tenant shares with its dependents: the desired state to build from, whether
 * its inputs changed since the last reconcile (the Tenant's spec or the compiled configuration: then a
 * mismatch is an update, otherwise it is drift someone caused), and the changes made, which become
 * Events.
 */
public final class TenantReconcileState {

    /** One change to one object. */
    public record Change(String action, HasMetadata object) {
        /** Kind and name, for an Event message. */
        public String describe() {
            return object.getKind() + " " + object.getMetadata().getName();
        }
    }

    public static final String CREATED = "Created";
    public static final String UPDATED = "Updated";
    public static final String RESTORED = "Restored";
    public static final String DELETED = "Deleted";

    private volatile DesiredTenant desired;
    private volatile boolean inputsChanged;
    private final List<Change> changes = new ArrayList<>();

    public TenantReconcileState(DesiredTenant desired, boolean specChanged) {
        this.desired = desired;
        this.inputsChanged = specChanged;
    }

    static TenantReconcileState of(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(TenantReconcileState.class, TenantReconcileState.class);
    }

    /** Makes this state the one the dependents of this reconcile read. */
    public void attachTo(Context<Tenant> context) {
        context.managedWorkflowAndDependentResourceContext().put(TenantReconcileState.class, this);
    }

    /** The desired state the dependents build from now. */
    public DesiredTenant desired() {
        return desired;
    }

    /** Sets the desired state with the compiled configuration; a new configuration counts as a changed input. */
    public void desired(DesiredTenant desired, boolean configChanged) {
        this.desired = desired;
        this.inputsChanged |= configChanged;
    }

    /** An update is drift repair when no input changed: someone edited or removed the object. */
    String updateAction() {
        return inputsChanged ? UPDATED : RESTORED;
    }

    synchronized void record(String action, HasMetadata object) {
        changes.add(new Change(action, object));
    }

    /** The changes made so far, in order. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }
}
