package io.opsgate.engine.security.crypto;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Where key-encryption keys (KEKs) live. A data key is stored only as {@link #wrap wrapped} by the
 * current KEK; any KEK the provider still lists can {@link #unwrap unwrap}. A KMS plug-in implements
 * this interface by calling the KMS's encrypt/decrypt with its key id, so the KEK never leaves the KMS;
 * the file provider keeps KEKs in mounted files. Implementations are thread-safe.
 */
public interface KeyEncryptionKeyProvider {

    /** A short name shown as evidence ({@code file}, {@code kms:<name>}). */
    String name();

    /** The ids that can unwrap, oldest first; the last one wraps. Empty when no KEK is available. */
    List<String> ids();

    /** The id new data keys are wrapped with; null when there is none. */
    default String currentId() {
        List<String> ids = ids();
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    /**
     * Wraps a data key with the current KEK.
     *
     * @param context bound to the result (the tenant): unwrapping with another context fails
     */
    WrappedKey wrap(byte[] dataKey, String context) throws GeneralSecurityException;

    /** Unwraps; fails when the KEK is gone, the bytes were changed or the context differs. */
    byte[] unwrap(WrappedKey wrapped, String context) throws GeneralSecurityException;
}
