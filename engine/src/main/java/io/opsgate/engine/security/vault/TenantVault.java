package io.opsgate.engine.security.crypto;

import com.fasterxml.jackson.core.type.TypeReference;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One tenant's credential vault and data key, kept in the tenant's store. Values are sealed with the
 * tenant's data key (AES-256-GCM, associated data {@code <tenant>/<name>/<keyId>}); the data key is
 * stored only wrapped by the KEK provider. The unwrapped key is held in memory while the tenant runs.
 * Rotation makes a new key and rewrites every entry and the key record in one durable batch, then
 * compacts the store so the old key and ciphertexts are gone from the disk. Thread-safe (one lock).
 */
public final class TenantVault {
    static final String DATA_KEY = Keys.CRYPTO + "datakey";
    private static final TypeReference<TreeMap<String, String>> VALUES = new TypeReference<>() {
    };

    private final String tenant;
    private final TenantStore store;
    private final KeyEncryptionKeyProvider keks;
    private final Clock clock;
    private final Map<String, VaultRecord> entries = new TreeMap<>();
    private DataKeyRecord keyRecord;
    private byte[] key;

    /** Reads the tenant's key record and entries from its store. */
    public TenantVault(String tenant, TenantStore store, KeyEncryptionKeyProvider keks, Clock clock) {
        this.tenant = tenant;
        this.store = store;
        this.keks = keks;
        this.clock = clock;
        store.scan(Keys.CRYPTO, (k, v) -> {
            if (k.equals(DATA_KEY)) {
                keyRecord = RecordCodec.decode(v, DataKeyRecord.class);
            }
        });
        store.scan(Keys.VAULT, (k, v) -> {
            VaultRecord r = RecordCodec.decode(v, VaultRecord.class);
            entries.put(r.name(), r);
        });
    }

    /** Stores (or replaces) a credential; returns its metadata. */
    public synchronized VaultRecord put(String name, Map<String, String> values) throws GeneralSecurityException {
        WriteSet writes = new WriteSet();
        byte[] k = keyForWriting(writes);
        VaultRecord r = seal(k, keyRecord.id(), name, new TreeMap<>(values), clock.millis());
        writes.put(Keys.VAULT + name, RecordCodec.encode(r));
        store.commit(writes).join();
        entries.put(name, r);
        return r;
    }

    /** The metadata of a credential, or null. */
    public synchronized VaultRecord metadata(String name) {
        return entries.get(name);
    }

    /** Every credential's metadata, by name. */
    public synchronized List<VaultRecord> list() {
        return new ArrayList<>(entries.values());
    }

    /** Removes a credential; returns whether it existed. */
    public synchronized boolean delete(String name) {
        if (!entries.containsKey(name)) {
            return false;
        }
        WriteSet writes = new WriteSet();
        writes.delete(Keys.VAULT + name);
        store.commit(writes).join();
        entries.remove(name);
        return true;
    }

    /** The values of a credential, decrypted, or null when there is none. */
    public synchronized Map<String, String> values(String name) throws GeneralSecurityException {
        VaultRecord r = entries.get(name);
        if (r == null) {
            return null;
        }
        return open(currentKey(), r);
    }

    /**
     * Replaces the data key: every entry is re-sealed with a new key and written with the new key record in
     * one batch; then the store is compacted and the old key is wiped from memory.
     *
     * @return the new key's record
     */
    public synchronized DataKeyRecord rotate() throws GeneralSecurityException {
        byte[] old = keyRecord == null ? null : currentKey();
        byte[] next = Aead.newKey();
        WrappedKey wrapped = keks.wrap(next, tenant);
        DataKeyRecord nextRecord = new DataKeyRecord(UUID.randomUUID().toString(), wrapped.kekId(),
                Base64.getEncoder().encodeToString(wrapped.bytes()), clock.millis(), keyRecord != null);
        WriteSet writes = new WriteSet();
        writes.put(DATA_KEY, RecordCodec.encode(nextRecord));
        Map<String, VaultRecord> resealed = new TreeMap<>();
        for (VaultRecord r : entries.values()) {
            VaultRecord n = seal(next, nextRecord.id(), r.name(), new TreeMap<>(open(old, r)), r.updatedAt());
            resealed.put(r.name(), n);
            writes.put(Keys.VAULT + r.name(), RecordCodec.encode(n));
        }
        store.commit(writes).join();
        store.compact();
        entries.putAll(resealed);
        if (old != null) {
            Arrays.fill(old, (byte) 0);
        }
        keyRecord = nextRecord;
        key = next;
        return nextRecord;
    }

    /** Wraps the data key again when the provider's current KEK is another one; returns whether it did. */
    public synchronized boolean rewrap() throws GeneralSecurityException {
        String current = keks.currentId();
        if (keyRecord == null || current == null || current.equals(keyRecord.kekId())) {
            return false;
        }
        WrappedKey wrapped = keks.wrap(currentKey(), tenant);
        DataKeyRecord next = new DataKeyRecord(keyRecord.id(), wrapped.kekId(),
                Base64.getEncoder().encodeToString(wrapped.bytes()), keyRecord.createdAt(), keyRecord.rotated());
        WriteSet writes = new WriteSet();
        writes.put(DATA_KEY, RecordCodec.encode(next));
        store.commit(writes).join();
        store.compact();
        keyRecord = next;
        return true;
    }

    /** The current data key's record, or null before the first credential. */
    public synchronized DataKeyRecord keyRecord() {
        return keyRecord;
    }

    /** Wipes the unwrapped key from memory (the tenant stops or is purged). */
    public synchronized void forget() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            key = null;
        }
    }

    private byte[] keyForWriting(WriteSet writes) throws GeneralSecurityException {
        if (keyRecord != null) {
            return currentKey();
        }
        byte[] fresh = Aead.newKey();
        WrappedKey wrapped = keks.wrap(fresh, tenant);
        keyRecord = new DataKeyRecord(UUID.randomUUID().toString(), wrapped.kekId(),
                Base64.getEncoder().encodeToString(wrapped.bytes()), clock.millis(), false);
        writes.put(DATA_KEY, RecordCodec.encode(keyRecord));
        key = fresh;
        return fresh;
    }

    private byte[] currentKey() throws GeneralSecurityException {
        if (key == null) {
            if (keyRecord == null) {
                throw new GeneralSecurityException("tenant " + tenant + " has no data key");
            }
            key = keks.unwrap(new WrappedKey(keyRecord.kekId(), Base64.getDecoder().decode(keyRecord.wrapped())), tenant);
        }
        return key;
    }

    private VaultRecord seal(byte[] k, String keyId, String name, TreeMap<String, String> values, long updatedAt)
            throws GeneralSecurityException {
        byte[] plain = RecordCodec.encode(values);
        try {
            byte[] sealed = Aead.seal(k, plain, associated(name, keyId));
            return new VaultRecord(tenant, name, List.copyOf(values.keySet()), updatedAt, keyId,
                    Base64.getEncoder().encodeToString(sealed));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Map<String, String> open(byte[] k, VaultRecord r) throws GeneralSecurityException {
        if (keyRecord == null || !r.keyId().equals(keyRecord.id())) {
            throw new GeneralSecurityException("credential " + r.name() + " was sealed with data key " + r.keyId()
                    + ", which is gone");
        }
        byte[] plain = Aead.open(k, Base64.getDecoder().decode(r.sealed()), associated(r.name(), r.keyId()));
        try {
            return RecordCodec.mapper().readValue(plain, VALUES);
        } catch (IOException e) {
            throw new GeneralSecurityException("credential " + r.name() + " does not decode");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private String associated(String name, String keyId) {
        return tenant + "/" + name + "/" + keyId;
    }

    /** The tenant this vault belongs to. */
    public String tenant() {
        return tenant;
    }
}
