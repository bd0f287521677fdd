package io.opsgate.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainVerifier.Checkpoint;
import io.opsgate.api.audit.ChainVerifier.Expected;
import io.opsgate.api.audit.ChainVerifier.Hashes;
import io.opsgate.api.audit.HashChain.Head;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain's rules, what the file alone shows, and what only the records kept outside it (anchor, checkpoint) show. */
class HashChainTest {
    static final ChainKey KEY = ChainKey.of("0123456789abcdef0123456789abcdef".getBytes());

    static List<String> log(ChainKey key, int n) {
        HashChain chain = new HashChain(key);
        Head head = Head.START;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode e = HashChain.JSON.createObjectNode();
            e.put("time", "2026-11-25T10:00:0" + i + "Z").put("tenant", "acme").put("path", "/api/v2/alerts").put("status", 200);
            HashChain.Link link = chain.seal(head, e);
            lines.add(link.line());
            head = link.head();
        }
        return lines;
    }

    static ChainVerifier.Result verify(List<String> lines, ChainKey key, Expected expected) throws IOException {
        return ChainVerifier.verify(new StringReader(String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")), key, expected);
    }

    static ChainVerifier.Result verify(List<String> lines) throws IOException {
        return verify(lines, KEY, Expected.NOTHING);
    }

    static Head headOf(List<String> lines, int index) {
        return new Head(index + 1, HashChain.claimedHash(lines.get(index)));
    }

    /** A line rehashed the way anyone can: SHA-256 over the line up to its hash. */
    static String rehashedWithoutTheKey(String line, String from, String to) {
        String body = HashChain.unsealed(line).replace(from, to);
        return body.substring(0, body.length() - 1) + ",\"hash\":\"" + ChainKey.NONE.hash(body) + "\"}";
    }

    @Test
    void anIntactKeyedLogVerifiesWithItsMacs() throws IOException {
        List<String> lines = log(KEY, 5);
        ChainVerifier.Result r = verify(lines);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.entries()).isEqualTo(5);
        assertThat(r.anchor()).isEqualTo(Head.START);
        assertThat(r.head()).isEqualTo(headOf(lines, 4));
        assertThat(r.hashes()).isEqualTo(Hashes.MAC_VERIFIED);
        assertThat(HashChain.JSON.readTree(lines.get(2)).path("seq").asLong()).isEqualTo(3);
        assertThat(verify(List.of()).ok()).isTrue();
    }

    @Test
    void sealingMovesNothing() {
        HashChain chain = new HashChain(KEY);
        ObjectNode e = HashChain.JSON.createObjectNode().put("n", 1);
        HashChain.Link a = chain.seal(Head.START, e);
        assertThat(chain.seal(Head.START, e)).isEqualTo(a);
        assertThat(a.head().seq()).isEqualTo(1);
        assertThat(e.has("prev")).isFalse();
    }

    @Test
    void withoutTheKeyOnlyTheStructureIsCheckedAndTheResultSaysSo() throws IOException {
        ChainVerifier.Result keyed = verify(log(KEY, 3), ChainKey.NONE, Expected.NOTHING);
        assertThat(keyed.ok()).isTrue();
        assertThat(keyed.hashes()).isEqualTo(Hashes.NOT_CHECKED);
        assertThat(keyed.toString()).contains("hashes NOT checked: no key given");
        ChainVerifier.Result unkeyed = verify(log(ChainKey.NONE, 3), ChainKey.NONE, Expected.NOTHING);
        assertThat(unkeyed.hashes()).isEqualTo(Hashes.SHA256_VERIFIED);
        assertThat(unkeyed.toString()).contains("anyone could recompute");
    }

    @Test
    void aChainRecomputedWithoutTheKeyIsDetected() throws IOException {
        List<String> lines = log(ChainKey.NONE, 4);
        ChainVerifier.Result r = verify(lines);
        assertThat(r.ok()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(1);
        assertThat(r.problem()).contains("not the key's MAC");
        List<String> keyed = log(KEY, 4);
        keyed.set(3, rehashedWithoutTheKey(keyed.get(3), "acme", "evil"));
        assertThat(verify(keyed).brokenLine()).isEqualTo(4);
    }

    @Test
    void changingOneLineIsDetectedAtThatLine() throws IOException {
        List<String> lines = log(KEY, 5);
        lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":201"));
        ChainVerifier.Result r = verify(lines);
        assertThat(r.ok()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(3);
        assertThat(r.problem()).contains("changed");
    }

    @Test
    void removingOrReorderingLinesIsDetected() throws IOException {
        List<String> removed = log(KEY, 5);
        removed.remove(2);
        assertThat(verify(removed).brokenLine()).isEqualTo(3);
        assertThat(verify(removed).problem()).contains("entry 4 follows entry 2");
        List<String> swapped = log(KEY, 5);
        String l = swapped.get(3);
        swapped.set(3, swapped.get(4));
        swapped.set(4, l);
        assertThat(verify(swapped).brokenLine()).isEqualTo(4);
    }

    @Test
    void aForgedFirstPrevIsDetected() throws IOException {
        List<String> unkeyed = log(ChainKey.NONE, 3);
        unkeyed.set(0, rehashedWithoutTheKey(unkeyed.get(0), HashChain.GENESIS, "1".repeat(64)));
        ChainVerifier.Result r = verify(unkeyed, ChainKey.NONE, Expected.NOTHING);
        assertThat(r.ok()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(1);
        assertThat(r.problem()).contains("entry 1 must follow the genesis hash");
    }

    @Test
    void linesDroppedAtTheStartShowAgainstTheRecordedAnchor() throws IOException {
        List<String> lines = log(KEY, 5);
        List<String> dropped = lines.subList(2, 5);
        assertThat(verify(dropped).ok()).as("without a recorded anchor it looks like pruning").isTrue();
        ChainVerifier.Result r = verify(dropped, KEY, new Expected(Head.START, null));
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains("entries 1 to 2 are missing at the start");
        ChainVerifier.Result pruned = verify(dropped, KEY, new Expected(headOf(lines, 1), null));
        assertThat(pruned.ok()).as(pruned.toString()).isTrue();
        assertThat(pruned.anchor()).isEqualTo(headOf(lines, 1));
        ChainVerifier.Result wrongAnchor = verify(dropped, KEY, new Expected(new Head(2, "2".repeat(64)), null));
        assertThat(wrongAnchor.problem()).contains("not from the recorded anchor");
    }

    @Test
    void aLogStillHoldingLinesBeforeTheAnchorVerifiesThroughIt() throws IOException {
        List<String> lines = log(KEY, 5);
        assertThat(verify(lines.subList(1, 5), KEY, new Expected(headOf(lines, 2), null)).ok()).isTrue();
        assertThat(verify(lines.subList(1, 5), KEY, new Expected(new Head(3, "3".repeat(64)), null)).problem())
                .contains("not the recorded anchor");
    }

    @Test
    void aCutOffTailShowsAgainstTheCheckpoint() throws IOException {
        List<String> lines = log(KEY, 5);
        Head checkpoint = headOf(lines, 4);
        assertThat(verify(lines, KEY, new Expected(null, checkpoint)).checkpoint()).isEqualTo(Checkpoint.VERIFIED);
        List<String> cut = lines.subList(0, 3);
        assertThat(verify(cut).ok()).as("the file alone cannot tell").isTrue();
        ChainVerifier.Result r = verify(cut, KEY, new Expected(null, checkpoint));
        assertThat(r.ok()).isFalse();
        assertThat(r.checkpoint()).isEqualTo(Checkpoint.FAILED);
        assertThat(r.problem()).contains("the log ends at entry 3 but entry 5 was recorded", "missing at the end");
        assertThat(verify(List.of(), KEY, new Expected(null, checkpoint)).ok()).isFalse();
    }

    @Test
    void aTailCutAndWrittenAgainShowsAgainstTheCheckpoint() throws IOException {
        List<String> lines = log(KEY, 5);
        Head checkpoint = headOf(lines, 4);
        HashChain chain = new HashChain(KEY);
        List<String> rewritten = new ArrayList<>(lines.subList(0, 3));
        Head head = headOf(lines, 2);
        for (int i = 0; i < 3; i++) {
            HashChain.Link link = chain.seal(head, HashChain.JSON.createObjectNode().put("later", i));
            rewritten.add(link.line());
            head = link.head();
        }
        ChainVerifier.Result r = verify(rewritten, KEY, new Expected(null, checkpoint));
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains("entry 5 differs from the recorded checkpoint");
    }

    @Test
    void aCheckpointBeforeTheAnchorWasPrunedSinceAndIsNotCompared() throws IOException {
        List<String> lines = log(KEY, 5);
        ChainVerifier.Result r = verify(lines.subList(3, 5), KEY, new Expected(headOf(lines, 2), headOf(lines, 1)));
        assertThat(r.ok()).isTrue();
        assertThat(r.checkpoint()).isEqualTo(Checkpoint.PRUNED);
        ChainVerifier.Result empty = verify(List.of(), KEY, new Expected(headOf(lines, 4), headOf(lines, 4)));
        assertThat(empty.ok()).as("every line pruned: the head is the anchor").isTrue();
        assertThat(empty.head()).isEqualTo(headOf(lines, 4));
    }

    @Test
    void aLineWithoutANumberIsAnEarlierFormat() throws IOException {
        ChainVerifier.Result r = verify(List.of("{\"n\":1,\"prev\":\"" + HashChain.GENESIS + "\",\"hash\":\"" + "a".repeat(64) + "\"}"));
        assertThat(r.problem()).contains("no entry number");
    }

    @Test
    void positionsParseAsTheyPrint() {
        Head h = new Head(42, "a".repeat(64));
        assertThat(Head.parse(h.toString())).isEqualTo(h);
        assertThatThrownBy(() -> Head.parse("x:y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Head.parse("-1:" + "a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Head.parse("42")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAreAtLeastSixteenBytes() {
        assertThatThrownBy(() -> ChainKey.of(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChainKey.of(new byte[16]).keyed()).isTrue();
        assertThat(ChainKey.NONE.keyed()).isFalse();
    }

    @Property(tries = 300)
    void controlCharactersInFieldsCannotForgeALine(@ForAll String label) throws IOException {
        ObjectNode e = HashChain.JSON.createObjectNode();
        e.put("label", label + "\n{\"forged\":true,\"seq\":1,\"prev\":\"x\",\"hash\":\"" + "0".repeat(64) + "\"}\r\u0000\u2028");
        String line = new HashChain(KEY).seal(Head.START, e).line();
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        ChainVerifier.Result r = ChainVerifier.verify(new StringReader(line + "\n"), KEY);
        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).isEqualTo(1);
        JsonNode back = HashChain.JSON.readTree(HashChain.unsealed(line));
        assertThat(back.path("label").asText()).startsWith(label);
    }
}
