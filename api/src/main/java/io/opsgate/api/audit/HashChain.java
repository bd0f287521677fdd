package io.opsgate.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tamper-evident JSON lines. Every entry carries its number in the chain ({@code seq}, 1 for the first ever
 * written), the hash of the entry before it ({@code prev}, {@link #GENESIS} before entry 1) and its own
 * ({@code hash}): the {@link ChainKey} hash (HMAC-SHA256 when keyed) of the line as written up to {@code hash}.
 * Changing, removing, inserting or reordering lines breaks the chain from there on; numbers make the position of
 * every line explicit, so a head (number and hash) kept outside the log shows a cut-off tail, and an anchor kept
 * outside shows lines dropped at the start ({@link ChainVerifier}). Entries are serialised by Jackson, so a newline
 * or control character inside a field is escaped and can never start a forged line.
 *
 * <p>Sealing is a pure function of the head it follows: the writer moves its head only once the line is written,
 * so a line that failed to be written leaves no gap.
 */
public final class HashChain {

    /** The {@code prev} of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final Pattern HASH_SUFFIX = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    /**
     * A position in a chain: the number of an entry and its hash.
     *
     * @param seq  the entry's number; 0 for the position before entry 1
     * @param hash its hash; {@link #GENESIS} at position 0
     */
    public record Head(long seq, String hash) {
        /** Before the first entry. */
        public static final Head START = new Head(0, GENESIS);

        /** Parses {@code <seq>:<hash>}, as {@link #toString()} writes it. */
        public static Head parse(String text) {
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a chain position is <seq>:<hash>, got \"" + text + "\"");
            }
            long seq;
            try {
                seq = Long.parseLong(text.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a chain position starts with its entry number, got \"" + text + "\"");
            }
            String hash = text.substring(colon + 1);
            if (seq < 0 || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a chain position is <seq>:<64 hex digits>, got \"" + text + "\"");
            }
            return new Head(seq, hash);
        }

        @Override
        public String toString() {
            return seq + ":" + hash;
        }
    }

    /**
     * One sealed entry.
     *
     * @param line the line to append (no newline)
     * @param head the chain's head once it is written
     */
    public record Link(String line, Head head) {
    }

    private final ChainKey key;

    /** A chain whose hashes are computed with {@code key}. */
    public HashChain(ChainKey key) {
        this.key = key;
    }

    public ChainKey key() {
        return key;
    }

    /**
     * The entry sealed as the one after {@code after}: {@code seq}, {@code prev} and {@code hash} added. The
     * caller keeps the entry's own fields free of those names. Nothing moves: the caller's head becomes
     * {@link Link#head()} once the line is written.
     */
    public Link seal(Head after, ObjectNode entry) {
        ObjectNode e = entry.deepCopy();
        e.remove("hash");
        e.remove("seq");
        e.remove("prev");
        long seq = after.seq() + 1;
        e.put("seq", seq);
        e.put("prev", after.hash());
        String body;
        try {
            body = JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        String hash = key.hash(body);
        return new Link(body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}", new Head(seq, hash));
    }

    /** The hash a sealed line claims, or null when the line has none. */
    public static String claimedHash(String line) {
        Matcher m = HASH_SUFFIX.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** The line without its hash field: what its hash covers. */
    public static String unsealed(String line) {
        Matcher m = HASH_SUFFIX.matcher(line);
        return m.find() ? line.substring(0, m.start()) + "}" : line;
    }
}
