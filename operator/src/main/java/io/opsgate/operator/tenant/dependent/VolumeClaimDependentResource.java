package io.opsgate.operator.tenant.dependent;

import io.opsgate.operator.tenant.model.TenantVolumeClaimBuilder;
import io.opsgate.operator.tenant.model.Workload;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * The volume claim of one workload's embedded store. Created once and never updated or deleted by a
 * reconcile: its data outlives every change of the Tenant but its deletion.
 */
public final class VolumeClaimDependentResource extends TenantCreateOnlyDependentResource<PersistentVolumeClaim> {
    public VolumeClaimDependentResource(Workload workload) {
        super(PersistentVolumeClaim.class, workload.dataClaimName(), d -> TenantVolumeClaimBuilder.build(d, workload));
    }
}
