package io.opsgate.api.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a chain's hashes are computed with. Keyed: HMAC-SHA256 under a secret only the writer (and whoever verifies
 * for it) holds, so nobody else can recompute a changed chain. {@link #NONE}: plain SHA-256, which anyone can
 * recompute; it proves only that the lines belong together, not that the writer wrote them. Thread-safe.
 */
public final class ChainKey {
    /** No key: SHA-256. */
    public static final ChainKey NONE = new ChainKey(null);
    /** The shortest key accepted, in bytes. */
    public static final int MIN_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private ChainKey(byte[] key) {
        this.key = key == null ? null : new SecretKeySpec(key, "HmacSHA256");
        this.macs = key == null ? null : ThreadLocal.withInitial(this::newMac);
    }

    /** A key of at least {@value #MIN_BYTES} bytes (copied). */
    public static ChainKey of(byte[] key) {
        if (key == null || key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a chain key needs at least " + MIN_BYTES + " bytes");
        }
        return new ChainKey(Arrays.copyOf(key, key.length));
    }

    /**
     * Reads a key file: its raw bytes, or base64 of them when the file is text (as {@code kubectl get secret} prints
     * it, or {@code log-key} writes it).
     */
    public static ChainKey read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        if (text.matches("[A-Za-z0-9+/=_-]{22,}")) {
            try {
                byte[] decoded = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text)
                        : Base64.getDecoder().decode(text);
                if (decoded.length >= MIN_BYTES) {
                    return of(decoded);
                }
            } catch (IllegalArgumentException e) {
                // not base64 after all: the raw bytes are the key
            }
        }
        if (raw.length < MIN_BYTES) {
            throw new IOException(file + " holds no key of at least " + MIN_BYTES + " bytes (raw or base64)");
        }
        return of(raw);
    }

    /** Whether hashes are MACs under a secret key. */
    public boolean keyed() {
        return key != null;
    }

    /** The hash of a line's body: lowercase hex of the HMAC (keyed) or of the SHA-256 (no key). */
    public String hash(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(key == null ? sha256(bytes) : macs.get().doFinal(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
