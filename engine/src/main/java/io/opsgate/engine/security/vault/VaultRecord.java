package io.opsgate.engine.security.vault;

import java.util.List;

/**
 * A stored credential's metadata ({@code vault/<name>}; its values are stored in the same record, which the store
 * seals as it seals every record, and are read only when a channel or job needs them).
 *
 * @param tenant    the owner (every stored object names its tenant)
 * @param name      the credential's name
 * @param keys      the names of its values
 * @param updatedAt epoch ms of the last write
 */
public record VaultRecord(String tenant, String name, List<String> keys, long updatedAt) {
}
