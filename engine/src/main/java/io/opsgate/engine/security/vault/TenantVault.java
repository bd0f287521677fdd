package io.opsgate.engine.security.vault;

import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant's credential vault ({@code /api/v1/credentials}), kept in the tenant's store, which seals every record
 * under the tenant's data key (so rotation, re-wrapping and the purge are the store's, as for all tenant data). Only
 * the metadata is held in memory; values are read from the store when a channel or job needs them and never
 * returned by the API. A credential the previous version sealed itself (with the single data key it kept at
 * {@code crypto/datakey}, adopted by the store as data key 1) is converted when the vault opens. Thread-safe (one
 * lock).
 */
public final class TenantVault {

    /** A credential as stored: its metadata and values; {@code keyId}/{@code sealed} only in the previous version's form. */
    static final class Stored {
        String tenant;
        String name;
        List<String> keys = new ArrayList<>();
        long updatedAt;
        TreeMap<String, String> values;
        String keyId;
        String sealed;

        VaultRecord metadata() {
            return new VaultRecord(tenant, name, List.copyOf(keys), updatedAt);
        }
    }

    private final String tenant;
    private final TenantStore store;
    private final Clock clock;
    private final Map<String, VaultRecord> entries = new TreeMap<>();

    /**
     * Reads the credentials' metadata from the tenant's store and converts credentials of the previous version.
     *
     * @throws GeneralSecurityException when a credential of the previous version cannot be opened
     */
    public TenantVault(String tenant, TenantStore store, Clock clock) throws GeneralSecurityException {
        this.tenant = tenant;
        this.store = store;
        this.clock = clock;
        List<Stored> legacy = new ArrayList<>();
        store.scan(Keys.VAULT, (k, v) -> {
            Stored s = RecordCodec.decode(v, Stored.class);
            entries.put(s.name, s.metadata());
            if (s.sealed != null) {
                legacy.add(s);
            }
        });
        if (!legacy.isEmpty()) {
            convert(legacy);
        }
    }

    /** Stores (or replaces) a credential; returns its metadata once it is durable. */
    public synchronized VaultRecord put(String name, Map<String, String> values) {
        Stored s = new Stored();
        s.tenant = tenant;
        s.name = name;
        s.values = new TreeMap<>(values);
        s.keys = new ArrayList<>(s.values.keySet());
        s.updatedAt = clock.millis();
        WriteSet writes = new WriteSet();
        writes.put(Keys.VAULT + name, RecordCodec.encode(s));
        store.commit(writes).join();
        entries.put(name, s.metadata());
        return s.metadata();
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

    /** The values of a credential, read from the store, or null when there is none. */
    public synchronized Map<String, String> values(String name) {
        if (!entries.containsKey(name)) {
            return null;
        }
        byte[] v = store.get(Keys.VAULT + name);
        return v == null ? null : RecordCodec.decode(v, Stored.class).values;
    }

    /** The tenant this vault belongs to. */
    public String tenant() {
        return tenant;
    }

    /** Opens each credential of the previous version with its old data key and stores it in today's form, in one commit. */
    private void convert(List<Stored> legacy) throws GeneralSecurityException {
        WriteSet writes = new WriteSet();
        for (Stored s : legacy) {
            byte[] plain = store.keys().openLegacy(s.keyId, Base64.getDecoder().decode(s.sealed),
                    tenant + "/" + s.name + "/" + s.keyId);
            Stored converted = new Stored();
            converted.tenant = tenant;
            converted.name = s.name;
            converted.keys = s.keys;
            converted.updatedAt = s.updatedAt;
            converted.values = RecordCodec.decode(plain, ValuesMap.class);
            java.util.Arrays.fill(plain, (byte) 0);
            writes.put(Keys.VAULT + s.name, RecordCodec.encode(converted));
        }
        store.commit(writes).join();
    }

    /** The JSON map of values the previous version sealed. */
    static final class ValuesMap extends TreeMap<String, String> {
    }
}
