package io.opsgate.operator.tenant;

import io.opsgate.api.v1alpha1.Tenant;

import java.util.Optional;

/**
 * The seam where a Tenant's deletion verifies that its stored data is gone before the Tenant is
 * released (ISO/IEC 27017 CLD 8.1.5): {@link #beforeNamespaceDeletion} while the workloads still run
 * (they purge their stores and keys), {@link #pending} after the namespace is gone.
 */
public interface TenantDataPurge {

    /**
     * Purges the tenant's data through its running workloads, verifies it and records it; called with
     * deletionPolicy Purge before the namespace is deleted, and again (after a delay) until it answers empty.
     *
     * @return empty when the purge is verified (or deliberately skipped); otherwise why not, and the
     *     namespace and the Tenant are kept
     */
    default Optional<String> beforeNamespaceDeletion(Tenant tenant, String namespace) {
        return Optional.empty();
    }

    /**
     * Purges what the namespace's deletion did not, and verifies it.
     *
     * @return empty when the tenant's data is verifiably gone; otherwise what is still pending, and the
     *     Tenant is kept (its finalizer stays) and asked again later
     */
    Optional<String> pending(Tenant tenant, String namespace);
}
