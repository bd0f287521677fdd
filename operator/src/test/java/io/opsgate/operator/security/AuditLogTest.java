package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opsgate.api.audit.ChainKey;
import io.opsgate.api.audit.HashChain;
import io.opsgate.api.audit.VerifyLogCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T04:00:00.123Z"), ZoneOffset.UTC);
    private static final byte[] KEY_BYTES = "operator-audit-key-for-tests-0001".getBytes(StandardCharsets.US_ASCII);
    private static final ChainKey KEY = ChainKey.of(KEY_BYTES);

    @TempDir
    Path dir;

    @Test
    void entriesCarryTheContractsFieldsInUtcAndAreEchoedToStdout() throws Exception {
        ByteArrayOutputStream echo = new ByteArrayOutputStream();
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, new PrintStream(echo, true, StandardCharsets.UTF_8))) {
            log.record("acme", "Secret/opsgate-acme/opsgate-tls", "issued", "certificate valid until 2027-02-24", "TLS");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(echo.toString(StandardCharsets.UTF_8).strip()).isEqualTo(lines.get(0));
        JsonNode entry = JsonMapper.builder().build().readTree(lines.get(0));
        assertThat(entry.path("time").asText()).isEqualTo("2026-11-26T04:00:00.123Z");
        assertThat(entry.path("tenant").asText()).isEqualTo("acme");
        assertThat(entry.path("object").asText()).isEqualTo("Secret/opsgate-acme/opsgate-tls");
        assertThat(entry.path("action").asText()).isEqualTo("issued");
        assertThat(entry.path("change").asText()).isEqualTo("certificate valid until 2027-02-24");
        assertThat(entry.path("reason").asText()).isEqualTo("TLS");
        assertThat(entry.path("prev").asText()).isEqualTo(HashChain.GENESIS);
        assertThat(entry.path("hash").asText()).hasSize(64);
    }

    @Test
    void verifyLogAcceptsTheChainAndDetectsOneChangedLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            for (int i = 0; i < 5; i++) {
                log.record("acme", "Deployment/opsgate-acme/opsgate-ingest", "updated", "replicas " + i, "spec changed");
            }
        }
        assertThat(verify(file)).isEqualTo(0);

        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("replicas 2", "replicas 9"));
        Files.write(file, lines);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyLogCommand.run("opsgate-operator.jar", new String[] {"verify-log", "--key=" + keyFile(), file.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("BROKEN at line 3").contains("changed");
    }

    @Test
    void aRemovedLineIsDetectedToo() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            for (int i = 0; i < 3; i++) {
                log.record("acme", "Secret/opsgate-acme/opsgate-token-" + i, "created", "token issued", "spec.apiTokens");
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(1);
        Files.write(file, lines);
        assertThat(verify(file)).isEqualTo(1);
    }

    @Test
    void aReopenedLogContinuesItsChainAndABrokenOneIsMovedAsideNotExtended() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        HashChain.Head head;
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            log.record("acme", "Namespace//opsgate-acme", "created", "namespace", "Tenant created");
            head = log.head();
        }
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            String line = log.record("acme", "Namespace//opsgate-acme", "restored", "namespace", "drift");
            assertThat(line).contains("\"seq\":2,\"prev\":\"" + head.hash() + "\"");
        }
        assertThat(verify(file)).isEqualTo(0);

        Files.writeString(file, Files.readString(file).replace("drift", "dr1ft"));
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            log.record("acme", "Namespace//opsgate-acme", "updated", "labels", "spec changed");
        }
        assertThat(verify(file)).isEqualTo(0);
        assertThat(Files.readAllLines(file)).hasSize(1);
        try (var aside = Files.list(dir)) {
            assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("audit.jsonl.broken-"));
        }
    }

    @Test
    void newlinesAndControlCharactersInAFieldCannotForgeAnEntry() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            log.record("acme", "AlertRule/opsgate-acme/x\n{\"forged\":true}", "created", "a\r\u0000b\u001b[31m", "r");
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(verify(file)).isEqualTo(0);
    }

    @Test
    void aChainRewrittenWithoutTheKeyDoesNotVerifyAndIsNotContinued() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, ChainKey.NONE, CLOCK, null)) {
            log.record("acme", "Secret/opsgate-acme/opsgate-kek", "deleted", "key removed", "someone");
        }
        assertThat(verify(file)).as("an unkeyed chain under the key: anyone could have computed it").isEqualTo(1);
        try (AuditLog log = AuditLog.open(file, KEY, CLOCK, null)) {
            log.record("acme", "Namespace//opsgate-acme", "created", "namespace", "Tenant created");
        }
        assertThat(verify(file)).isZero();
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    private Path keyFile() throws Exception {
        Path key = dir.resolve("audit-key");
        if (!Files.exists(key)) {
            Files.write(key, KEY_BYTES);
        }
        return key;
    }

    private int verify(Path file) throws Exception {
        return VerifyLogCommand.run("opsgate-operator.jar", new String[] {"verify-log", "--key=" + keyFile(), file.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }
}
