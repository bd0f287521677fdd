package io.opsgate.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    private static List<String> log(int n) {
        HashChain chain = new HashChain(HashChain.GENESIS);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode e = HashChain.JSON.createObjectNode();
            e.put("time", "2026-11-25T10:00:0" + i + "Z").put("tenant", "acme").put("path", "/api/v2/alerts").put("status", 200);
            lines.add(chain.seal(e));
        }
        return lines;
    }

    private static ChainVerifier.Result verify(List<String> lines) throws IOException {
        return ChainVerifier.verify(new StringReader(String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")));
    }

    @Test
    void anIntactLogVerifies() throws IOException {
        ChainVerifier.Result r = verify(log(5));
        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).isEqualTo(5);
        assertThat(r.firstPrev()).isEqualTo(HashChain.GENESIS);
        assertThat(verify(List.of()).ok()).isTrue();
    }

    @Test
    void changingOneLineIsDetectedAtThatLine() throws IOException {
        List<String> lines = log(5);
        lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":201"));
        ChainVerifier.Result r = verify(lines);
        assertThat(r.ok()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(3);
        assertThat(r.problem()).contains("changed");
    }

    @Test
    void rehashingAChangedLineBreaksTheNextOne() throws IOException {
        List<String> lines = log(5);
        String body = HashChain.unsealed(lines.get(1)).replace("acme", "evil");
        lines.set(1, body.substring(0, body.length() - 1) + ",\"hash\":\"" + HashChain.sha256(body) + "\"}");
        ChainVerifier.Result r = verify(lines);
        assertThat(r.brokenLine()).isEqualTo(3);
        assertThat(r.problem()).contains("prev does not match");
    }

    @Test
    void removingOrReorderingLinesIsDetected() throws IOException {
        List<String> removed = log(5);
        removed.remove(2);
        assertThat(verify(removed).brokenLine()).isEqualTo(3);
        List<String> swapped = log(5);
        String l = swapped.get(3);
        swapped.set(3, swapped.get(4));
        swapped.set(4, l);
        assertThat(verify(swapped).brokenLine()).isEqualTo(4);
    }

    @Test
    void aLogCutByRetentionVerifiesFromItsAnchor() throws IOException {
        List<String> lines = log(5);
        ChainVerifier.Result r = verify(lines.subList(2, 5));
        assertThat(r.ok()).isTrue();
        assertThat(r.firstPrev()).isEqualTo(HashChain.claimedHash(lines.get(1)));
    }

    @Property(tries = 300)
    void controlCharactersInFieldsCannotForgeALine(@ForAll String label) throws IOException {
        HashChain chain = new HashChain(HashChain.GENESIS);
        ObjectNode e = HashChain.JSON.createObjectNode();
        e.put("label", label + "\n{\"forged\":true,\"prev\":\"x\",\"hash\":\"" + "0".repeat(64) + "\"}\r\u0000\u2028");
        String line = chain.seal(e);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        ChainVerifier.Result r = ChainVerifier.verify(new StringReader(line + "\n"));
        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).isEqualTo(1);
        JsonNode back = HashChain.JSON.readTree(HashChain.unsealed(line));
        assertThat(back.path("label").asText()).startsWith(label);
    }
}
