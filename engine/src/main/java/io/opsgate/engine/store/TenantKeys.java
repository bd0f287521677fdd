package io.opsgate.engine.store;

import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.DataKeyRecord;
import io.opsgate.engine.security.crypto.KeyEncryptionKeyProvider;
import io.opsgate.engine.security.crypto.Keyring;
import io.opsgate.engine.security.crypto.RecordSealer;
import io.opsgate.engine.security.crypto.WrappedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One tenant's keys, kept in its store at {@code crypto/keyring} wrapped by the tenant's KEK, and what they do:
 * seal every value under the current data key ({@link RecordSealer}), name pseudonymous keys, derive the access
 * log's MAC key, rotate and re-wrap. Opening a store of the previous version (plaintext values, a single vault key
 * at {@code crypto/datakey}) adopts that key and encrypts every record before the store is used.
 *
 * <p>Rotation: a new data key seals from the moment it is made; every record sealed under an older key is
 * re-encrypted by one rewrite that runs in order with the commits, so nothing written meanwhile is lost. A retired
 * key is then destroyed unless access-log lines sealed with it are still kept (those lines are hash-chained and
 * never rewritten; the key goes when retention prunes the last of them, or at the purge). A rotation interrupted
 * by a crash is finished at the next open. Thread-safe.
 */
public final class TenantKeys {
    static final String RING = Keys.CRYPTO + "keyring";
    static final String LEGACY = Keys.CRYPTO + "datakey";
    static final String LOG_MAC = "access-log-mac";
    private static final String NAMES = "record-key-names";
    private static final Logger LOG = LoggerFactory.getLogger(TenantKeys.class);
    private static final byte[] CLEAR = Keys.CRYPTO.getBytes(StandardCharsets.UTF_8);
    private static final List<byte[]> PSEUDONYMOUS = Keys.PSEUDONYMOUS.stream()
            .map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();

    /**
     * A rotation's outcome.
     *
     * @param key         the new data key
     * @param reencrypted the records re-encrypted under it
     */
    public record Rotation(DataKeyRecord key, long reencrypted) {
    }

    private final String tenant;
    private final TenantStore raw;
    private final KeyEncryptionKeyProvider keks;
    private final Clock clock;
    private final RecordSealer sealer = new RecordSealer();
    private final ReentrantReadWriteLock sealing = new ReentrantReadWriteLock();
    private final Map<Integer, byte[]> dataKeys = new HashMap<>();
    private final ThreadLocal<Mac> names;
    private Keyring ring;
    private byte[] stable;
    /** Records may still be sealed with a retired key: a rotation's re-encryption did not finish. */
    private boolean reencrypting;

    private TenantKeys(String tenant, TenantStore raw, KeyEncryptionKeyProvider keks, Clock clock, Keyring ring,
                       byte[] stable) {
        this.tenant = tenant;
        this.raw = raw;
        this.keks = keks;
        this.clock = clock;
        this.ring = ring;
        this.stable = stable;
        byte[] nameKey = derive(stable, NAMES);
        this.names = ThreadLocal.withInitial(() -> hmac(nameKey));
    }

    /**
     * Opens the keys of {@code raw}, making the tenant's first keys when it has none, and encrypts what is not
     * encrypted yet (a store of the previous version; a rotation a crash interrupted).
     *
     * @throws IOException when a key cannot be unwrapped (its KEK is gone) or the store cannot be written
     */
    public static TenantKeys open(String tenant, TenantStore raw, KeyEncryptionKeyProvider keks, Clock clock)
            throws IOException {
        try {
            byte[] stored = raw.get(RING);
            Map<Integer, byte[]> unwrapped = new HashMap<>();
            Keyring ring;
            byte[] stable;
            if (stored == null) {
                ring = new Keyring();
                WriteSet first = new WriteSet();
                byte[] legacy = raw.get(LEGACY);
                Keyring.Entry key = legacy == null ? newEntry(tenant, keks, clock, 1, false, unwrapped)
                        : adopt(tenant, keks, RecordCodec.decode(legacy, DataKeyRecord.class), unwrapped);
                ring.keys.add(key);
                ring.current = key.number;
                stable = Aead.newKey();
                ring.stable = wrap(keks, stable, stableContext(tenant));
                first.put(RING, RecordCodec.encode(ring));
                if (legacy != null) {
                    first.delete(LEGACY);
                }
                raw.commit(first).join();
            } else {
                ring = RecordCodec.decode(stored, Keyring.class);
                for (Keyring.Entry e : ring.keys) {
                    unwrapped.put(e.number, unwrap(keks, e.kekId, e.wrapped, tenant, "data key " + e.number));
                }
                stable = unwrap(keks, ring.stable.kekId, ring.stable.wrapped, stableContext(tenant), "the stable secret");
            }
            TenantKeys keys = new TenantKeys(tenant, raw, keks, clock, ring, stable);
            unwrapped.forEach((n, k) -> {
                keys.dataKeys.put(n, k);
                keys.sealer.add(n, k);
            });
            keys.sealer.use(ring.current);
            try {
                keys.finishEncryption();
            } catch (java.util.concurrent.CompletionException e) {
                keys.forget();
                throw new IOException("the store of tenant " + tenant + " cannot be encrypted: " + e.getCause().getMessage(),
                        e.getCause());
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("the keys of tenant " + tenant + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * A secret derived from the stable secret of a store, read without opening it for writing (the {@code log-key}
     * tool beside a running engine).
     */
    public static byte[] readSecret(String tenant, TenantStore raw, KeyEncryptionKeyProvider keks, String purpose)
            throws IOException {
        byte[] stored = raw.get(RING);
        if (stored == null) {
            throw new IOException("the store of tenant " + tenant + " has no keys yet");
        }
        Keyring ring = RecordCodec.decode(stored, Keyring.class);
        try {
            byte[] stable = unwrap(keks, ring.stable.kekId, ring.stable.wrapped, stableContext(tenant), "the stable secret");
            try {
                return derive(stable, purpose);
            } finally {
                Arrays.fill(stable, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("the keys of tenant " + tenant + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The purpose of the access log's MAC key, for {@link #secret} and {@link #readSecret}. */
    public static String logMacPurpose() {
        return LOG_MAC;
    }

    // ---- used by SealedStore and the access log, on any thread

    /** Held shared while values are sealed and queued, so a rotation switches keys between two commits. */
    Lock sealingLock() {
        return sealing.readLock();
    }

    /** The key under which {@code key} is stored: itself, or its prefix and a keyed hash of the rest. */
    byte[] storedKey(byte[] key) {
        for (byte[] p : PSEUDONYMOUS) {
            if (startsWith(key, p)) {
                Mac mac = names.get();
                mac.update(key, p.length, key.length - p.length);
                String hash = HexFormat.of().formatHex(mac.doFinal(), 0, 16);
                byte[] out = Arrays.copyOf(p, p.length + hash.length());
                System.arraycopy(hash.getBytes(StandardCharsets.US_ASCII), 0, out, p.length, hash.length());
                return out;
            }
        }
        return key;
    }

    static boolean isClear(byte[] key) {
        return startsWith(key, CLEAR);
    }

    /**
     * Seals a value under the current data key, bound to {@code associated}: a record's stored key, or for log lines
     * a text starting with {@code log:}, which no store key does.
     */
    public byte[] seal(byte[] plain, byte[] associated) {
        return sealer.seal(plain, associated);
    }

    /** Opens what {@link #seal} made, under whichever kept data key sealed it. */
    public byte[] open(byte[] sealed, byte[] associated) throws GeneralSecurityException {
        return sealer.open(sealed, associated);
    }

    /** The number of the data key that sealed a value. */
    public static int keyNumber(byte[] sealed) {
        return RecordSealer.keyNumber(sealed);
    }

    /** A secret for one purpose, derived from the tenant's stable secret (the access log's MAC key). */
    public synchronized byte[] secret(String purpose) {
        return derive(stable, purpose);
    }

    // ---- key management

    /** The current data key as evidence shows it. */
    public synchronized DataKeyRecord current() {
        return record(ring.key(ring.current));
    }

    /** Data keys retired but still kept (for access-log lines sealed with them). */
    public synchronized int retiredKeys() {
        return (int) ring.keys.stream().filter(e -> e.retired).count();
    }

    /** The KEK provider's name, for evidence. */
    public String kekProvider() {
        return keks.name();
    }

    /**
     * Makes a new data key, seals with it from now on and re-encrypts every record sealed with an older one. The
     * older keys stay (retired) until {@link #destroyRetired} finds nothing else needing them.
     */
    public synchronized Rotation rotate() throws GeneralSecurityException {
        int number = ring.keys.stream().mapToInt(e -> e.number).max().orElse(0) + 1;
        Map<Integer, byte[]> fresh = new HashMap<>();
        Keyring.Entry next = newEntry(tenant, keks, clock, number, true, fresh);
        java.util.concurrent.CompletableFuture<Void> ringWritten;
        java.util.concurrent.CompletableFuture<Long> reencrypted;
        reencrypting = true;
        sealing.writeLock().lock();
        try {
            for (Keyring.Entry e : ring.keys) {
                e.retired = true;
            }
            ring.keys.add(next);
            ring.current = number;
            dataKeys.put(number, fresh.get(number));
            sealer.add(number, fresh.get(number));
            sealer.use(number);
            // Queued in this order before any value sealed with the new key: the ring is durable first, and the
            // rewrite sees every value sealed with an older key.
            ringWritten = raw.commit(ringWrite());
            reencrypted = raw.rewrite("", this::encrypt);
        } finally {
            sealing.writeLock().unlock();
        }
        ringWritten.join();
        long n;
        try {
            n = reencrypted.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("re-encryption under data key " + next.id + " failed; it is finished at the "
                    + "next start: " + e.getCause().getMessage(), e.getCause());
        }
        reencrypting = false;
        LOG.info("tenant {}: data key {} replaces the earlier ones; {} records re-encrypted", tenant, next.id, n);
        return new Rotation(record(next), n);
    }

    /**
     * Destroys the retired data keys that nothing needs any more: every record was re-encrypted by the rotation,
     * and {@code stillSealing} lists the keys kept log lines were sealed with. The keyring is written without them
     * and the store compacted, so their wrapped form is gone from the disk too.
     *
     * @return how many keys were destroyed
     */
    public synchronized int destroyRetired(Set<Integer> stillSealing) {
        if (reencrypting) {
            return 0;
        }
        List<Keyring.Entry> gone = new ArrayList<>();
        for (Keyring.Entry e : ring.keys) {
            if (e.retired && !stillSealing.contains(e.number)) {
                gone.add(e);
            }
        }
        if (gone.isEmpty()) {
            return 0;
        }
        ring.keys.removeAll(gone);
        raw.commit(ringWrite()).join();
        for (Keyring.Entry e : gone) {
            dataKeys.remove(e.number);
            sealer.remove(e.number);
        }
        raw.compact();
        return gone.size();
    }

    /** Wraps every key again when the provider's current KEK is another one; returns whether it did. */
    public synchronized boolean rewrap() throws GeneralSecurityException {
        String current = keks.currentId();
        if (current == null) {
            return false;
        }
        boolean stale = !current.equals(ring.stable.kekId) || ring.keys.stream().anyMatch(e -> !current.equals(e.kekId));
        if (!stale) {
            return false;
        }
        for (Keyring.Entry e : ring.keys) {
            WrappedKey w = keks.wrap(dataKeys.get(e.number), tenant);
            e.kekId = w.kekId();
            e.wrapped = Base64.getEncoder().encodeToString(w.bytes());
        }
        ring.stable = wrap(keks, stable, stableContext(tenant));
        raw.commit(ringWrite()).join();
        raw.compact();
        return true;
    }

    /**
     * Opens a credential the previous version sealed itself with its single data key (still kept as data key 1
     * until the vault converts it).
     */
    public synchronized byte[] openLegacy(String keyId, byte[] sealed, String associated) throws GeneralSecurityException {
        for (Keyring.Entry e : ring.keys) {
            if (e.id.equals(keyId)) {
                return Aead.open(dataKeys.get(e.number), sealed, associated);
            }
        }
        throw new GeneralSecurityException("data key " + keyId + " is gone");
    }

    /** Wipes every key from memory (the store closes or is purged). */
    public synchronized void forget() {
        sealer.wipe();
        dataKeys.clear();
        Arrays.fill(stable, (byte) 0);
    }

    // ---- internals

    /** Encrypts what the previous version stored in plaintext and re-encrypts what an older key sealed. */
    private void finishEncryption() {
        if (ring.sealed && !ring.hasRetired()) {
            return;
        }
        long n = raw.rewrite("", this::encrypt).join();
        synchronized (this) {
            if (!ring.sealed) {
                ring.sealed = true;
                raw.commit(ringWrite()).join();
            }
            if (n > 0) {
                LOG.info("tenant {}: {} records encrypted under data key {} (a store of the previous version, or a "
                        + "re-encryption a stop interrupted)", tenant, n, ring.current);
            }
        }
    }

    private void encrypt(String key, byte[] value, WriteSet out) {
        if (Keys.isClear(key)) {
            return;
        }
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (!RecordSealer.isSealed(value)) {
            byte[] stored = storedKey(k);
            if (stored != k) {
                out.delete(k);
            }
            out.put(stored, sealer.seal(value, stored));
        } else if (RecordSealer.keyNumber(value) != sealer.currentNumber()) {
            try {
                out.put(k, sealer.seal(sealer.open(value, k), k));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("record " + key + " of tenant " + tenant + " does not decrypt: " + e.getMessage(), e);
            }
        }
    }

    private WriteSet ringWrite() {
        WriteSet w = new WriteSet();
        w.put(RING, RecordCodec.encode(ring));
        return w;
    }

    private static DataKeyRecord record(Keyring.Entry e) {
        return new DataKeyRecord(e.id, e.kekId, e.wrapped, e.createdAt, e.rotated);
    }

    private static Keyring.Entry newEntry(String tenant, KeyEncryptionKeyProvider keks, Clock clock, int number,
                                          boolean rotated, Map<Integer, byte[]> unwrapped) throws GeneralSecurityException {
        byte[] key = Aead.newKey();
        WrappedKey w = keks.wrap(key, tenant);
        Keyring.Entry e = new Keyring.Entry();
        e.number = number;
        e.id = UUID.randomUUID().toString();
        e.kekId = w.kekId();
        e.wrapped = Base64.getEncoder().encodeToString(w.bytes());
        e.createdAt = clock.millis();
        e.rotated = rotated;
        unwrapped.put(number, key);
        return e;
    }

    /** The previous version's single data key becomes data key 1, id and creation time kept. */
    private static Keyring.Entry adopt(String tenant, KeyEncryptionKeyProvider keks, DataKeyRecord legacy,
                                       Map<Integer, byte[]> unwrapped) throws GeneralSecurityException {
        Keyring.Entry e = new Keyring.Entry();
        e.number = 1;
        e.id = legacy.id();
        e.kekId = legacy.kekId();
        e.wrapped = legacy.wrapped();
        e.createdAt = legacy.createdAt();
        e.rotated = legacy.rotated();
        unwrapped.put(1, unwrap(keks, e.kekId, e.wrapped, tenant, "data key " + e.id));
        return e;
    }

    private static Keyring.Wrapped wrap(KeyEncryptionKeyProvider keks, byte[] secret, String context)
            throws GeneralSecurityException {
        WrappedKey w = keks.wrap(secret, context);
        Keyring.Wrapped out = new Keyring.Wrapped();
        out.kekId = w.kekId();
        out.wrapped = Base64.getEncoder().encodeToString(w.bytes());
        return out;
    }

    private static byte[] unwrap(KeyEncryptionKeyProvider keks, String kekId, String wrapped, String context, String what)
            throws GeneralSecurityException {
        try {
            return keks.unwrap(new WrappedKey(kekId, Base64.getDecoder().decode(wrapped)), context);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(what + " does not unwrap with key-encryption key " + kekId + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String stableContext(String tenant) {
        return tenant + "/stable";
    }

    private static byte[] derive(byte[] stable, String purpose) {
        Mac mac = hmac(stable);
        return mac.doFinal(("opsgate/" + purpose).getBytes(StandardCharsets.US_ASCII));
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
