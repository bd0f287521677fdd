package io.opsgate.engine.security.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM with a random 96-bit nonce per message, the nonce stored in front of the ciphertext. The
 * associated data binds a ciphertext to where it belongs (tenant and record), so a value copied to
 * another record or tenant does not decrypt.
 */
public final class Aead {
    public static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aead() {
    }

    /** A fresh random 256-bit key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** nonce || ciphertext || tag. */
    public static byte[] seal(byte[] key, byte[] plaintext, String associated) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        byte[] ct = c.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + ct.length);
        System.arraycopy(ct, 0, out, NONCE_BYTES, ct.length);
        return out;
    }

    /** The plaintext of {@link #seal}'s output; fails on any change or another associated text. */
    public static byte[] open(byte[] key, byte[] sealed, String associated) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
