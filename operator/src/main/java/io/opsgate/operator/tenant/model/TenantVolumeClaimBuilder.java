package io.opsgate.operator.tenant.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.Map;

/** The PersistentVolumeClaims of the workloads' embedded stores (spec.storage.size and storageClassName). */
public final class TenantVolumeClaimBuilder {

    private TenantVolumeClaimBuilder() {
    }

    public static PersistentVolumeClaim build(DesiredTenant d, Workload w) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(d.meta(w.dataClaimName(), w.component()))
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(d.spec().storage.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(d.spec().storage.size))).endResources()
                .endSpec()
                .build();
    }
}
