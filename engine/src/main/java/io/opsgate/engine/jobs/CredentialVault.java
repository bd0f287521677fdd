package io.opsgate.engine.jobs;

import java.util.Map;

/** The tenant's encrypted credentials as local jobs see them: the decrypted values of one, or null. */
@FunctionalInterface
public interface CredentialVault {
    CredentialVault NONE = (tenant, name) -> null;

    Map<String, String> values(String tenant, String name);
}
