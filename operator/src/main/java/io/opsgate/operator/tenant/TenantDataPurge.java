package io.opsgate.operator.tenant;

import io.opsgate.api.v1alpha1.Tenant;

import java.util.Optional;

/**
 * The seam where a Tenant's deletion verifies that its stored data is gone before the Tenant is
 * released (ISO/IEC 27017 CLD 8.1.5). Called after the namespace is gone; the store purge of a later
 * issue (PostgreSQL data, the audit record) implements it.
 */
public interface TenantDataPurge {

    /**
     * Purges what the namespace's deletion did not, and verifies it.
     *
     * @return empty when the tenant's data is verifiably gone; otherwise what is still pending, and the
     *     Tenant is kept (its finalizer stays) and asked again later
     */
    Optional<String> pending(Tenant tenant, String namespace);
}
