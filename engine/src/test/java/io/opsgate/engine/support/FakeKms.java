package io.opsgate.engine.support;

import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.KeyEncryptionKeyProvider;
import io.opsgate.engine.security.crypto.WrappedKey;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A KMS as a plug-in would see it: keys stay inside, callers get ciphertext back. Counts its calls so
 * tests can see the KEK is used only to wrap and unwrap data keys, never per credential.
 */
public final class FakeKms implements KeyEncryptionKeyProvider {
    private final Map<String, byte[]> keys = new TreeMap<>();
    public int calls;

    public FakeKms add(String id) {
        keys.put(id, Aead.newKey());
        return this;
    }

    public FakeKms remove(String id) {
        keys.remove(id);
        return this;
    }

    @Override
    public String name() {
        return "kms:fake";
    }

    @Override
    public synchronized List<String> ids() {
        return new ArrayList<>(keys.keySet());
    }

    @Override
    public synchronized WrappedKey wrap(byte[] dataKey, String context) throws GeneralSecurityException {
        calls++;
        String id = currentId();
        return new WrappedKey(id, Aead.seal(keys.get(id), dataKey, context));
    }

    @Override
    public synchronized byte[] unwrap(WrappedKey wrapped, String context) throws GeneralSecurityException {
        calls++;
        byte[] k = keys.get(wrapped.kekId());
        if (k == null) {
            throw new GeneralSecurityException("KMS key " + wrapped.kekId() + " is disabled");
        }
        return Aead.open(k, wrapped.bytes(), context);
    }
}
