package io.opsgate.api.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/** Checks a hash-chained JSON lines log and says where it breaks. */
public final class ChainVerifier {

    /**
     * The outcome.
     *
     * @param ok         whether every line verified
     * @param entries    lines verified before the first problem (all of them when ok)
     * @param firstPrev  the prev of the first line: {@link HashChain#GENESIS} for a complete log, or the
     *                   hash of the last entry removed by retention
     * @param lastHash   the hash of the last verified line
     * @param brokenLine 1-based number of the first bad line, 0 when ok
     * @param problem    what is wrong with it
     */
    public record Result(boolean ok, long entries, String firstPrev, String lastHash, long brokenLine, String problem) {
        @Override
        public String toString() {
            return ok ? "OK: " + entries + " entries verified" + (HashChain.GENESIS.equals(firstPrev) ? " from the start"
                    : " from anchor " + firstPrev) + ", head " + lastHash
                    : "BROKEN at line " + brokenLine + ": " + problem + " (" + entries + " entries verified before it)";
        }
    }

    private ChainVerifier() {
    }

    /** Verifies every line; an empty log verifies. */
    public static Result verify(Reader in) throws IOException {
        BufferedReader reader = new BufferedReader(in);
        String expectedPrev = null;
        String firstPrev = null;
        long n = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            long lineNo = n + 1;
            if (line.isEmpty()) {
                return new Result(false, n, firstPrev, expectedPrev, lineNo, "empty line");
            }
            String claimed = HashChain.claimedHash(line);
            if (claimed == null) {
                return new Result(false, n, firstPrev, expectedPrev, lineNo, "no hash field at the end of the line");
            }
            String body = HashChain.unsealed(line);
            String prev;
            try {
                JsonNode node = HashChain.JSON.readTree(body);
                prev = node.path("prev").asText(null);
            } catch (IOException e) {
                return new Result(false, n, firstPrev, expectedPrev, lineNo, "not a JSON object");
            }
            if (prev == null) {
                return new Result(false, n, firstPrev, expectedPrev, lineNo, "no prev field");
            }
            if (expectedPrev != null && !prev.equals(expectedPrev)) {
                return new Result(false, n, firstPrev, expectedPrev, lineNo,
                        "prev does not match the hash of line " + n + " (a line was removed, inserted or reordered)");
            }
            if (!HashChain.sha256(body).equals(claimed)) {
                return new Result(false, n, firstPrev, expectedPrev, lineNo, "hash does not match the content (the line was changed)");
            }
            if (firstPrev == null) {
                firstPrev = prev;
            }
            expectedPrev = claimed;
            n++;
        }
        return new Result(true, n, firstPrev == null ? HashChain.GENESIS : firstPrev,
                expectedPrev == null ? HashChain.GENESIS : expectedPrev, 0, null);
    }
}
