package io.opsgate.engine.security.crypto;

/**
 * A tenant's data key as it is shown (evidence, the rotate answer) and as the previous version stored its single
 * key at {@code crypto/datakey}, which a store of that version still holds until it is converted: only wrapped,
 * never in plaintext.
 *
 * @param id        random id, named by every ciphertext it made
 * @param kekId     the KEK that wrapped it
 * @param wrapped   base64 of the wrapped key
 * @param createdAt epoch ms when this key was made
 * @param rotated   whether it replaced an earlier key (false for the tenant's first key)
 */
public record DataKeyRecord(String id, String kekId, String wrapped, long createdAt, boolean rotated) {
}
