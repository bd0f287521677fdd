package io.opsgate.engine.security.crypto;

import java.io.IOException;

/**
 * Where each tenant's key-encryption keys come from: a directory mounted from the tenant's KEK Secret (in a cluster
 * one process serves one tenant), a KMS, or keys generated per tenant on the data volume ({@link LocalKeks}).
 */
public interface KekSource {

    /** A short name shown as evidence ({@code file}, {@code local}, {@code kms:<name>}). */
    String name();

    /** The KEKs of {@code tenant}. */
    KeyEncryptionKeyProvider forTenant(String tenant) throws IOException;

    /**
     * Destroys what this source keeps for {@code tenant} alone (its purge). KEKs shared with other tenants or held
     * elsewhere (a Secret the operator deletes with the namespace, a KMS) are not this process's to destroy.
     *
     * @return whether no KEK of the tenant's own is left here
     */
    boolean destroy(String tenant) throws IOException;

    /** One provider for every tenant: the mounted directory in a cluster, a KMS, {@code --kek-dir} standalone. */
    static KekSource shared(KeyEncryptionKeyProvider provider) {
        return new KekSource() {
            @Override
            public String name() {
                return provider.name();
            }

            @Override
            public KeyEncryptionKeyProvider forTenant(String tenant) {
                return provider;
            }

            @Override
            public boolean destroy(String tenant) {
                return true;
            }
        };
    }
}
