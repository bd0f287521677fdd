package io.opsgate.engine.notify.callout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The X-Twilio-Signature of a callback: Base64 of HMAC-SHA1, keyed with the account's auth token, over
 * the full callback URL followed by every POST parameter's name and value, sorted by name. A callback
 * whose signature does not match did not come from the provider and is refused.
 */
public final class TwilioSignature {
    /** The header that carries it. */
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /** The signature of a POST to {@code url} with {@code params}. */
    public static String compute(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
    }

    /** Whether {@code signature} is that of the request, compared in constant time. */
    public static boolean valid(String authToken, String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] expected = compute(authToken, url, params).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
