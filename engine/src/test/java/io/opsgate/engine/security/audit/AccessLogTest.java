package io.opsgate.engine.security.audit;

import io.opsgate.api.audit.VerifyLogCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.audit.HashChain;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log's chain, fields, retention with an anchor, forging attempts and the verify-log command. */
class AccessLogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    final Set<String> active = ConcurrentHashMap.newKeySet();
    AccessLog log;

    AccessLog open() {
        active.add("acme");
        log = new AccessLog(data, clock, active::contains, t -> Duration.ofDays(1));
        return log;
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    List<String> lines() throws Exception {
        return Files.readAllLines(AccessLog.file(data, "acme"), StandardCharsets.UTF_8);
    }

    int verify() {
        return VerifyLogCommand.run("opsgate-engine.jar", new String[]{"verify-log", AccessLog.file(data, "acme").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void everyCallIsOneChainedLineWithTheContractFields() throws Exception {
        open().call("acme", "reader", "10.1.2.3", "GET", "/api/v2/alerts", 200, 3);
        log.engineAction("acme", "rotate-data-key", "data key a replaced by b");
        log.flush();
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.path("time").asText()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(first.path("tenant").asText()).isEqualTo("acme");
        assertThat(first.path("principal").asText()).isEqualTo("reader");
        assertThat(first.path("sourceIp").asText()).isEqualTo("10.1.2.3");
        assertThat(first.path("method").asText()).isEqualTo("GET");
        assertThat(first.path("path").asText()).isEqualTo("/api/v2/alerts");
        assertThat(first.path("status").asInt()).isEqualTo(200);
        assertThat(first.path("durationMs").asLong()).isEqualTo(3);
        assertThat(first.path("prev").asText()).isEqualTo(HashChain.GENESIS);
        assertThat(JSON.readTree(lines.get(1)).path("principal").asText()).isEqualTo(AccessLog.ENGINE_PRINCIPAL);
        assertThat(JSON.readTree(lines.get(1)).path("prev").asText()).isEqualTo(first.path("hash").asText());
        assertThat(verify()).isZero();
    }

    @Test
    void changingOneLineIsDetectedByTheVerifier() throws Exception {
        open();
        for (int i = 0; i < 5; i++) {
            log.call("acme", "reader", "10.0.0.1", "GET", "/api/v1/tickets/" + i, 200, 1);
        }
        log.flush();
        assertThat(verify()).isZero();
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":404"));
        Files.write(AccessLog.file(data, "acme"), lines, StandardCharsets.UTF_8);
        assertThat(verify()).isEqualTo(1);
        lines = lines();
        lines.remove(3);
        Files.write(AccessLog.file(data, "acme"), lines, StandardCharsets.UTF_8);
        assertThat(verify()).isEqualTo(1);
    }

    @Test
    void newlinesAndControlCharactersCannotForgeEntries() throws Exception {
        String forged = "/x\n{\"time\":\"2026-11-01T10:00:00Z\",\"tenant\":\"acme\",\"principal\":\"admin\",\"prev\":\"0\"}\r\u0000\u001b[2J\u2028";
        open().call("acme", "reader\n{\"principal\":\"admin\"}", "10.0.0.1\r\n", "GET", forged, 200, 1);
        log.call("acme", "reader", "10.0.0.1", "GET", "/ok", 200, 1);
        log.flush();
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).path("path").asText()).isEqualTo(forged);
        assertThat(JSON.readTree(lines.get(0)).path("principal").asText()).startsWith("reader\n");
        assertThat(verify()).isZero();
    }

    @Test
    void retentionPrunesOldLinesAndTheFirstKeptLineAnchorsTheChain() throws Exception {
        open().call("acme", "reader", "10.0.0.1", "GET", "/old", 200, 1);
        log.flush();
        String removedHash = JSON.readTree(lines().get(0)).path("hash").asText();
        clock.advance(Duration.ofDays(2));
        log.call("acme", "reader", "10.0.0.1", "GET", "/new", 200, 1);
        log.prune("acme", clock.instant().minus(Duration.ofDays(1)));
        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).path("path").asText()).isEqualTo("/new");
        assertThat(log.stats("acme").anchor()).isEqualTo(removedHash);
        assertThat(log.verify("acme").firstPrev()).isEqualTo(removedHash);
        assertThat(log.verify("acme").ok()).isTrue();
        log.call("acme", "reader", "10.0.0.1", "GET", "/after", 200, 1);
        log.flush();
        assertThat(verify()).isZero();
        assertThat(log.stats("acme").entries()).isEqualTo(2);
    }

    @Test
    void theChainContinuesAcrossRestartsAndPurgedTenantsAreNotWritten() throws Exception {
        open().call("acme", "reader", "10.0.0.1", "GET", "/1", 200, 1);
        log.close();
        open().call("acme", "reader", "10.0.0.1", "GET", "/2", 200, 1);
        log.flush();
        assertThat(lines()).hasSize(2);
        assertThat(verify()).isZero();
        assertThat(log.delete("acme")).isPositive();
        active.remove("acme");
        log.call("acme", "reader", "10.0.0.1", "GET", "/late", 200, 1);
        log.flush();
        assertThat(AccessLog.file(data, "acme")).doesNotExist();
    }
}
