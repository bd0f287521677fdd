package io.opsgate.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.function.BiConsumer;

/**
 * The encryption layer around a tenant's store: every value is sealed under the tenant's current data key on its
 * way in (AES-256-GCM, bound to its stored key) and opened on its way out; keys naming tenant content are stored
 * pseudonymously ({@link Keys#PSEUDONYMOUS}). It knows nothing of what the values encode (JSON today) nor where
 * they are kept (RocksDB today): the store below it sees only ciphertext.
 */
public final class SealedStore implements TenantStore {
    private final String tenant;
    private final TenantStore raw;
    private final TenantKeys keys;

    public SealedStore(String tenant, TenantStore raw, TenantKeys keys) {
        this.tenant = tenant;
        this.raw = raw;
        this.keys = keys;
    }

    @Override
    public void scan(String prefix, BiConsumer<String, byte[]> visitor) {
        raw.scan(prefix, (k, v) -> visitor.accept(k, Keys.isClear(k) ? v : open(v, k.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public byte[] get(String key) {
        byte[] stored = keys.storedKey(key.getBytes(StandardCharsets.UTF_8));
        String storedKey = new String(stored, StandardCharsets.UTF_8);
        byte[] v = raw.get(storedKey);
        return v == null || Keys.isClear(key) ? v : open(v, stored);
    }

    @Override
    public CompletableFuture<Void> commit(WriteSet writes) {
        Lock lock = keys.sealingLock();
        lock.lock();
        try {
            return raw.commit(sealed(writes));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter) {
        return raw.rewrite(prefix, (k, v, out) -> {
            WriteSet plain = new WriteSet();
            rewriter.rewrite(k, Keys.isClear(k) ? v : open(v, k.getBytes(StandardCharsets.UTF_8)), plain);
            for (WriteSet.Op op : sealed(plain).ops()) {
                out.put(op.key(), op.value());
            }
        });
    }

    private WriteSet sealed(WriteSet writes) {
        WriteSet out = new WriteSet(writes.size());
        for (WriteSet.Op op : writes.ops()) {
            byte[] key = keys.storedKey(op.key());
            if (op.value() == null) {
                out.delete(key);
            } else {
                out.put(key, TenantKeys.isClear(key) ? op.value() : keys.seal(op.value(), key));
            }
        }
        return out;
    }

    private byte[] open(byte[] value, byte[] storedKey) {
        try {
            return keys.open(value, storedKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("record " + new String(storedKey, StandardCharsets.UTF_8) + " of tenant " + tenant
                    + " does not decrypt: " + e.getMessage(), e);
        }
    }

    @Override
    public void compact() {
        raw.compact();
    }

    @Override
    public TenantKeys keys() {
        return keys;
    }

    /** Commits what is queued (already sealed), then wipes the keys from memory. */
    @Override
    public void close() {
        raw.close();
        keys.forget();
    }
}
