package io.opsgate.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tamper-evident JSON lines: every entry carries the hash of the entry before it ({@code prev}) and
 * its own ({@code hash}), the SHA-256 of the line as written up to {@code prev}. Changing, removing
 * or inserting a line breaks the chain from there on; {@link ChainVerifier} finds where. Entries are
 * serialised by Jackson, so a newline or control character inside a field is escaped and can never
 * start a forged line.
 */
public final class HashChain {

    /** The {@code prev} of the first entry of a new chain. */
    public static final String GENESIS = "0".repeat(64);

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final Pattern HASH_SUFFIX = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    private String last;

    /** A chain continuing after an entry whose hash is {@code last} ({@link #GENESIS} for a new one). */
    public HashChain(String last) {
        this.last = last;
    }

    /** The hash of the latest entry. */
    public String last() {
        return last;
    }

    /**
     * Seals an entry: adds {@code prev} and {@code hash} and returns the line to append (no newline).
     * The caller keeps the entry's own fields free of the names prev and hash.
     */
    public synchronized String seal(ObjectNode entry) {
        entry.remove("hash");
        entry.put("prev", last);
        String body;
        try {
            body = JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String hash = sha256(body);
        last = hash;
        return body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    /** SHA-256 over the line as written without its hash field. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash a sealed line claims, or null when the line has none. */
    static String claimedHash(String line) {
        Matcher m = HASH_SUFFIX.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** The line without its hash field: what its hash covers. */
    static String unsealed(String line) {
        Matcher m = HASH_SUFFIX.matcher(line);
        return m.find() ? line.substring(0, m.start()) + "}" : line;
    }
}
