package io.opsgate.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.audit.HashChain.Head;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Checks a {@link HashChain} log and says where it breaks. What the file alone can show: every line well formed,
 * numbered one after the other, linked to the line before, and (with the key) hashed by the writer; entry 1
 * follows the genesis hash. What only records kept outside the file can show, given as {@link Expected}: lines
 * dropped at the start (the recorded anchor) and lines cut off at the end (a head recorded earlier, the
 * checkpoint).
 */
public final class ChainVerifier {

    /** How far the hashes were checked. */
    public enum Hashes {
        /** Every hash is the key's HMAC: only a holder of the key can have written the lines. */
        MAC_VERIFIED,
        /** No key was given and every hash is plain SHA-256: an unkeyed chain, which anyone could recompute. */
        SHA256_VERIFIED,
        /** No key was given and the hashes are not plain SHA-256 (a keyed chain): only the structure was checked. */
        NOT_CHECKED
    }

    /** What became of the checkpoint. */
    public enum Checkpoint {
        /** None was given. */
        NONE,
        /** The line of that number is in the log with that hash. */
        VERIFIED,
        /** Retention removed that line since: the anchor lies after it, nothing to compare. */
        PRUNED,
        /** The line is missing (cut off) or differs: the result is not ok. */
        FAILED
    }

    /**
     * Records kept outside the log.
     *
     * @param anchor     where the kept lines must start (the position before the first kept line), as recorded
     *                   at the last pruning; null when none is recorded (a first line after entry 1 is then taken
     *                   as pruned)
     * @param checkpoint a head recorded earlier, which the log must still hold; null for none
     */
    public record Expected(Head anchor, Head checkpoint) {
        public static final Expected NOTHING = new Expected(null, null);
    }

    /**
     * The outcome.
     *
     * @param ok         whether every check passed
     * @param entries    lines verified before the first problem (all of them when ok)
     * @param anchor     the position the kept lines start from: {@link Head#START} for a complete log
     * @param head       the last verified line's position (the anchor when there is none)
     * @param brokenLine 1-based number of the first bad line; 0 when ok or when the problem is no single line's
     * @param problem    what is wrong, or null
     * @param hashes     how far the hashes were checked
     * @param checkpoint what became of the checkpoint
     */
    public record Result(boolean ok, long entries, Head anchor, Head head, long brokenLine, String problem,
                         Hashes hashes, Checkpoint checkpoint) {
        @Override
        public String toString() {
            if (!ok) {
                return "BROKEN" + (brokenLine > 0 ? " at line " + brokenLine : "") + ": " + problem + " (" + entries
                        + " entries verified before it)";
            }
            String from = anchor.seq() == 0 ? " from the start" : " from anchor " + anchor;
            String how = switch (hashes) {
                case MAC_VERIFIED -> "";
                case SHA256_VERIFIED -> "; unkeyed chain: plain SHA-256, which anyone could recompute";
                case NOT_CHECKED -> "; structure only, hashes NOT checked: no key given (--key=<file>)";
            };
            String cp = switch (checkpoint) {
                case VERIFIED -> "; checkpoint verified";
                case PRUNED -> "; checkpoint pruned since, not compared";
                default -> "";
            };
            return "OK: " + entries + " entries verified" + from + ", head " + head + how + cp;
        }
    }

    private ChainVerifier() {
    }

    /** Structure and hashes of every line, without records from outside. */
    public static Result verify(Reader in, ChainKey key) throws IOException {
        return verify(in, key, Expected.NOTHING);
    }

    /** Verifies every line and compares with what was recorded outside the log. */
    public static Result verify(Reader in, ChainKey key, Expected expected) throws IOException {
        return new Run(key, expected).over(new BufferedReader(in));
    }

    /** One verification, line by line. */
    private static final class Run {
        private final ChainKey key;
        private final Expected expected;
        private long entries;
        private Head anchor;
        private Head head;
        private boolean sha256Only = true;
        private boolean anchorReached;
        private Checkpoint checkpoint = Checkpoint.NONE;

        Run(ChainKey key, Expected expected) {
            this.key = key;
            this.expected = expected;
        }

        Result over(BufferedReader reader) throws IOException {
            String line;
            while ((line = reader.readLine()) != null) {
                String problem = line(line);
                if (problem != null) {
                    return broken(entries + 1, problem);
                }
            }
            if (anchor == null) {
                anchor = expected.anchor() == null ? Head.START : expected.anchor();
                head = anchor;
                anchorReached = true;
            }
            if (!anchorReached) {
                return broken(0, "the log ends at entry " + head.seq() + " before the recorded anchor, entry "
                        + expected.anchor().seq());
            }
            String cp = checkpointAtEnd();
            if (cp != null) {
                return broken(0, cp);
            }
            Hashes hashes = key.keyed() ? Hashes.MAC_VERIFIED : sha256Only ? Hashes.SHA256_VERIFIED : Hashes.NOT_CHECKED;
            return new Result(true, entries, anchor, head, 0, null, hashes, checkpoint);
        }

        /** Checks one line; returns the problem, or null. */
        private String line(String line) {
            if (line.isEmpty()) {
                return "empty line";
            }
            String claimed = HashChain.claimedHash(line);
            if (claimed == null) {
                return "no hash field at the end of the line";
            }
            String body = HashChain.unsealed(line);
            JsonNode node;
            try {
                node = HashChain.JSON.readTree(body);
            } catch (IOException e) {
                return "not a JSON object";
            }
            if (!node.path("prev").isTextual()) {
                return "no prev field";
            }
            if (!node.path("seq").canConvertToLong() || node.path("seq").asLong() < 1) {
                return "no entry number (seq): not a log of this version";
            }
            long seq = node.path("seq").asLong();
            String prev = node.path("prev").asText();
            String problem = head == null ? first(seq, prev) : next(seq, prev);
            if (problem != null) {
                return problem;
            }
            if (key.keyed()) {
                if (!key.hash(body).equals(claimed)) {
                    return "the hash is not the key's MAC of the line (changed, or recomputed without the key)";
                }
            } else if (sha256Only && !ChainKey.NONE.hash(body).equals(claimed)) {
                sha256Only = false;
            }
            head = new Head(seq, claimed);
            entries++;
            Head a = expected.anchor();
            if (a != null && !anchorReached && seq == a.seq()) {
                if (!claimed.equals(a.hash())) {
                    return "entry " + seq + " is not the recorded anchor " + a;
                }
                anchorReached = true;
            }
            Head cp = expected.checkpoint();
            if (cp != null && seq == cp.seq()) {
                if (!claimed.equals(cp.hash())) {
                    checkpoint = Checkpoint.FAILED;
                    return "entry " + seq + " differs from the recorded checkpoint " + cp;
                }
                checkpoint = Checkpoint.VERIFIED;
            }
            return null;
        }

        private String first(long seq, String prev) {
            anchor = new Head(seq - 1, prev);
            if (seq == 1 && !HashChain.GENESIS.equals(prev)) {
                return "entry 1 must follow the genesis hash, its prev is " + prev;
            }
            Head a = expected.anchor();
            if (a == null) {
                anchorReached = true;
                return null;
            }
            if (anchor.seq() > a.seq()) {
                return "entries " + (a.seq() + 1) + " to " + anchor.seq() + " are missing at the start: the recorded anchor "
                        + "is entry " + a.seq();
            }
            if (anchor.seq() == a.seq()) {
                if (!prev.equals(a.hash())) {
                    return "the log starts from " + prev + ", not from the recorded anchor " + a;
                }
                anchorReached = true;
            }
            return null;
        }

        private String next(long seq, String prev) {
            if (seq != head.seq() + 1) {
                return "entry " + seq + " follows entry " + head.seq() + " (lines removed, inserted or reordered)";
            }
            if (!prev.equals(head.hash())) {
                return "prev does not match the hash of entry " + head.seq() + " (a line was removed, inserted or changed)";
            }
            return null;
        }

        private String checkpointAtEnd() {
            Head cp = expected.checkpoint();
            if (cp == null || checkpoint != Checkpoint.NONE) {
                return null;
            }
            if (cp.seq() == anchor.seq() && cp.hash().equals(anchor.hash())) {
                checkpoint = Checkpoint.VERIFIED;
                return null;
            }
            if (cp.seq() <= anchor.seq()) {
                checkpoint = cp.seq() == anchor.seq() ? Checkpoint.FAILED : Checkpoint.PRUNED;
                return checkpoint == Checkpoint.FAILED ? "the anchor, entry " + anchor.seq()
                        + ", differs from the recorded checkpoint " + cp : null;
            }
            checkpoint = Checkpoint.FAILED;
            return "the log ends at entry " + head.seq() + " but entry " + cp.seq() + " was recorded (checkpoint " + cp
                    + "): entries " + (head.seq() + 1) + " to " + cp.seq() + " are missing at the end (cut off)";
        }

        private Result broken(long lineNo, String problem) {
            Head a = anchor == null ? Head.START : anchor;
            return new Result(false, entries, a, head == null ? a : head, lineNo, problem,
                    key.keyed() ? Hashes.MAC_VERIFIED : Hashes.NOT_CHECKED, checkpoint == Checkpoint.NONE ? Checkpoint.NONE
                            : checkpoint == Checkpoint.VERIFIED ? Checkpoint.VERIFIED : Checkpoint.FAILED);
        }
    }
}
