package io.opsgate.engine.security.crypto;

import java.util.List;

/**
 * One stored credential ({@code vault/<name>}): its metadata in clear, its values only sealed.
 *
 * @param tenant    the owner (every stored object names its tenant)
 * @param name      the credential's name
 * @param keys      the names of its values
 * @param updatedAt epoch ms of the last write
 * @param keyId     the data key that sealed it
 * @param sealed    base64 of AES-GCM(nonce || ciphertext) over the JSON map of values
 */
public record VaultRecord(String tenant, String name, List<String> keys, long updatedAt, String keyId, String sealed) {
}
