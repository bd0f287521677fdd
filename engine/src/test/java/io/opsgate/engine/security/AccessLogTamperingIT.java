package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.SecureEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, finding 6, tried as someone who can write the data volume would: the access log's tail cut off, its
 * first lines dropped, a line removed and the chain recomputed with the published algorithm. Each must show in the
 * evidence the operator reads ({@code GET /internal/v1/security}), which carries back the checkpoint the operator
 * keeps outside the log (Tenant status).
 */
class AccessLogTamperingIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GENESIS = "0".repeat(64);

    @TempDir
    Path root;
    SecureEngine engine;
    String reader;

    @BeforeEach
    void start() throws Exception {
        engine = new SecureEngine(root).config("tenants.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  apiTokens:
                    - {name: reader, scopes: [Read]}
                """)
                .token("acme", "reader", "acme-reader-token-0000000000000000000000")
                .start(Clock.systemUTC());
        reader = engine.token("acme/reader");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    void calls(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(engine.http.get("/api/v1/tickets?limit=" + (i + 1), reader).status()).isEqualTo(200);
        }
        engine.server.security().accessLog().flush();
    }

    JsonNode accessLogEvidence(String checkpoint) {
        Http.Response r = engine.http.get("/internal/v1/security?tenant=acme"
                + (checkpoint == null ? "" : "&checkpoint=" + checkpoint), SecureEngine.INTERNAL_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("accessLog");
    }

    Path file() {
        return AccessLog.file(engine.dataDir, "acme");
    }

    List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file(), StandardCharsets.UTF_8));
    }

    void write(List<String> lines) throws Exception {
        Files.write(file(), lines, StandardCharsets.UTF_8);
    }

    @Test
    void aTailCutOffWhileTheEngineWasDownIsDetectedAgainstTheOperatorsCheckpoint() throws Exception {
        calls(5);
        JsonNode before = accessLogEvidence(null);
        assertThat(before.path("chainVerified").asBoolean()).isTrue();
        String checkpoint = before.path("headSeq").asLong() + ":" + before.path("headHash").asText();

        engine.close();
        List<String> lines = lines();
        write(lines.subList(0, lines.size() - 2));
        engine.restart();

        JsonNode after = accessLogEvidence(checkpoint);
        assertThat(after.path("chainVerified").asBoolean()).as(after.toString()).isFalse();
        assertThat(after.path("checkpoint").path("verified").asBoolean()).isFalse();
        assertThat(after.path("problem").asText()).contains("entry " + before.path("headSeq").asLong());
    }

    @Test
    void droppedFirstLinesAreDetectedThoughTheFirstPrevIsARealHash() throws Exception {
        calls(5);
        engine.close();
        List<String> lines = lines();
        write(lines.subList(2, lines.size()));
        engine.restart();

        JsonNode after = accessLogEvidence(null);
        assertThat(after.path("chainVerified").asBoolean()).as(after.toString()).isFalse();
        assertThat(after.path("problem").asText()).contains("anchor");
    }

    @Test
    void aChainRecomputedWithoutTheKeyIsDetected() throws Exception {
        calls(5);
        engine.close();
        List<String> lines = lines();
        lines.remove(2);
        write(recomputedWithSha256(lines));
        engine.restart();

        JsonNode after = accessLogEvidence(null);
        assertThat(after.path("chainVerified").asBoolean()).as(after.toString()).isFalse();
        assertThat(after.path("problem").asText()).contains("line 1");
    }

    /**
     * What an attacker without the key can do: renumber, relink and rehash every line the way an unkeyed chain is
     * built (SHA-256 of the line up to its hash field).
     */
    static List<String> recomputedWithSha256(List<String> lines) throws Exception {
        List<String> out = new ArrayList<>();
        String prev = GENESIS;
        long seq = 0;
        for (String line : lines) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove("hash");
            if (n.has("seq")) {
                n.put("seq", ++seq);
            }
            n.remove("prev");
            n.put("prev", prev);
            String body = JSON.writeValueAsString(n);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
            out.add(body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}");
            prev = hash;
        }
        return out;
    }
}
