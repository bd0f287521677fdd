package io.opsgate.operator.tenant;

import io.opsgate.api.v1alpha1.Tenant;

import java.util.Optional;

/**
 * The purge of this version: the embedded store lives on the volume claims of the tenant namespace,
 * and the reconciler releases a Tenant only once that namespace is gone, so nothing is left to do.
 * Data in PostgreSQL is outside the namespace; the reconciler warns with an Event that this version
 * does not purge it (the store purge issue replaces this class).
 */
public final class VolumeDataPurge implements TenantDataPurge {
    @Override
    public Optional<String> pending(Tenant tenant, String namespace) {
        return Optional.empty();
    }
}
