package io.opsgate.engine.security.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AES-256-GCM over stored values, independent of what the values encode and where they are stored. A sealed value
 * is {@code [version 1][data key number, 4 bytes][session salt, 16][nonce, 12] ciphertext tag(16)}; the associated
 * data is that header and the record's key, so a value moved to another key, or given another header, does not
 * open.
 *
 * <p>Nonces are unique without coordination: each sealer (one per opened store) draws a random 128-bit session salt
 * and encrypts under a session key derived from the data key and that salt (HMAC-SHA256); within the session the
 * nonce is a counter. A (key, nonce) pair can repeat only if two sessions draw the same salt (probability about
 * 2^-64 after 2^32 sessions of one data key), which holds across restarts and restored backups alike, and nothing
 * is written to reserve nonces. One {@link Cipher} per thread is reused; no {@link SecureRandom} is consulted per
 * value. Thread-safe.
 */
public final class RecordSealer {
    public static final byte VERSION = 1;
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int NONCE_AT = 1 + 4 + SALT_BYTES;
    /** The header's length: version, key number, salt, nonce. */
    public static final int HEADER = NONCE_AT + NONCE_BYTES;
    /** What sealing adds to a value. */
    public static final int OVERHEAD = HEADER + TAG_BYTES;
    private static final byte[] DERIVATION = "opsgate/record-session/v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private record Session(int number, long saltHigh, long saltLow) {
    }

    private record Current(int number, SecretKeySpec key) {
    }

    private final byte[] salt = new byte[SALT_BYTES];
    private final long saltHigh;
    private final long saltLow;
    private final AtomicLong counter = new AtomicLong();
    private final Map<Integer, byte[]> dataKeys = new ConcurrentHashMap<>();
    private final Map<Session, SecretKeySpec> sessions = new ConcurrentHashMap<>();
    private volatile Current current;

    /** A sealer with a fresh session salt and no keys yet. */
    public RecordSealer() {
        RANDOM.nextBytes(salt);
        saltHigh = longAt(salt, 0);
        saltLow = longAt(salt, 8);
    }

    /** Makes a data key known under its number (for opening; and for sealing once {@link #use used}). */
    public void add(int number, byte[] dataKey) {
        if (dataKey.length != Aead.KEY_BYTES) {
            throw new IllegalArgumentException("a data key has " + Aead.KEY_BYTES + " bytes");
        }
        dataKeys.put(number, dataKey);
    }

    /** Seals from now on with data key {@code number}. */
    public void use(int number) {
        try {
            current = new Current(number, session(number, saltHigh, saltLow, salt, 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The number of the data key that seals. */
    public int currentNumber() {
        Current c = current;
        return c == null ? 0 : c.number();
    }

    /** Forgets a data key and wipes it; values it sealed no longer open here. */
    public void remove(int number) {
        byte[] k = dataKeys.remove(number);
        if (k != null) {
            Arrays.fill(k, (byte) 0);
        }
        sessions.keySet().removeIf(s -> s.number() == number);
        Current c = current;
        if (c != null && c.number() == number) {
            current = null;
        }
    }

    /** Forgets and wipes every key. */
    public void wipe() {
        for (Integer n : dataKeys.keySet()) {
            remove(n);
        }
    }

    /** Seals {@code plain} under the current data key, bound to {@code associated} (the record's key). */
    public byte[] seal(byte[] plain, byte[] associated) {
        Current c = current;
        if (c == null) {
            throw new IllegalStateException("no data key to seal with");
        }
        byte[] out = new byte[HEADER + plain.length + TAG_BYTES];
        out[0] = VERSION;
        putInt(out, 1, c.number());
        System.arraycopy(salt, 0, out, 5, SALT_BYTES);
        putLong(out, NONCE_AT + 4, counter.getAndIncrement());
        Cipher cipher = CIPHERS.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, c.key(), new GCMParameterSpec(TAG_BYTES * 8, out, NONCE_AT, NONCE_BYTES));
            cipher.updateAAD(out, 0, HEADER);
            cipher.updateAAD(associated);
            cipher.doFinal(plain, 0, plain.length, out, HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        return out;
    }

    /** The plaintext of a sealed value; fails when it was changed, moved to another key, or its data key is unknown. */
    public byte[] open(byte[] sealed, byte[] associated) throws GeneralSecurityException {
        if (!isSealed(sealed)) {
            throw new GeneralSecurityException("not a sealed value");
        }
        int number = keyNumber(sealed);
        SecretKeySpec key = session(number, longAt(sealed, 5), longAt(sealed, 13), sealed, 5);
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, NONCE_AT, NONCE_BYTES));
        cipher.updateAAD(sealed, 0, HEADER);
        cipher.updateAAD(associated);
        return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
    }

    /** Whether a stored value is in the sealed format (plaintext JSON never starts with byte 1). */
    public static boolean isSealed(byte[] value) {
        return value != null && value.length >= OVERHEAD && value[0] == VERSION;
    }

    /** The number of the data key that sealed {@code sealed}. */
    public static int keyNumber(byte[] sealed) {
        return ((sealed[1] & 0xff) << 24) | ((sealed[2] & 0xff) << 16) | ((sealed[3] & 0xff) << 8) | (sealed[4] & 0xff);
    }

    private SecretKeySpec session(int number, long high, long low, byte[] saltSource, int saltAt)
            throws GeneralSecurityException {
        Session id = new Session(number, high, low);
        SecretKeySpec known = sessions.get(id);
        if (known != null) {
            return known;
        }
        byte[] dataKey = dataKeys.get(number);
        if (dataKey == null) {
            throw new GeneralSecurityException("data key " + number + " is not available (destroyed)");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
        mac.update(DERIVATION);
        mac.update(saltSource, saltAt, SALT_BYTES);
        SecretKeySpec derived = new SecretKeySpec(mac.doFinal(), "AES");
        sessions.put(id, derived);
        return derived;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
