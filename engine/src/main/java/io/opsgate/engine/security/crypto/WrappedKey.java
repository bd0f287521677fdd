package io.opsgate.engine.security.crypto;

/**
 * A data key encrypted by a KEK.
 *
 * @param kekId the KEK that wrapped it
 * @param bytes the provider's ciphertext
 */
public record WrappedKey(String kekId, byte[] bytes) {
}
