package io.opsgate.engine.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Proof Key for Code Exchange (RFC 7636), method S256 only. */
final class Pkce {
    private Pkce() {
    }

    /** A code verifier: 32 random bytes, base64url (43 characters, within RFC 7636's 43 to 128). */
    static String verifier() {
        return Secrets.random(32);
    }

    /** The S256 challenge of {@code verifier}: BASE64URL(SHA256(ASCII(verifier))). */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                Secrets.sha256(new String(verifier.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)));
    }
}
