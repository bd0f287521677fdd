package io.opsgate.engine.alerting;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Alertmanager's fingerprint of a label set: FNV-1a 64 over the label names in byte order, each name
 * and value followed by the separator byte 0xff, printed as 16 hex digits.
 */
public final class Fingerprints {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private Fingerprints() {
    }

    /** The fingerprint of a label set as a number. */
    public static long of(Map<String, String> labels) {
        String[] names = labels.keySet().toArray(new String[0]);
        Arrays.sort(names, Fingerprints::compareUtf8);
        long hash = OFFSET;
        for (String name : names) {
            hash = add(hash, name);
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, labels.get(name));
            hash = addByte(hash, SEPARATOR);
        }
        return hash;
    }

    /** The fingerprint as Alertmanager prints it. */
    public static String hex(Map<String, String> labels) {
        return hex(of(labels));
    }

    public static String hex(long fingerprint) {
        String h = Long.toHexString(fingerprint);
        return h.length() == 16 ? h : "0".repeat(16 - h.length()) + h;
    }

    private static long add(long hash, String s) {
        long h = hash;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * PRIME;
            } else {
                for (byte b : s.substring(i, i + Character.charCount(s.codePointAt(i))).getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * PRIME;
                }
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
            }
        }
        return h;
    }

    private static long addByte(long hash, int b) {
        return (hash ^ b) * PRIME;
    }

    /** Go sorts strings by bytes; code-point order is the same as UTF-8 byte order. */
    private static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
