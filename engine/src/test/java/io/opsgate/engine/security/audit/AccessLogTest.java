package io.opsgate.engine.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.api.audit.ChainKey;
import io.opsgate.api.audit.ChainVerifier;
import io.opsgate.api.audit.HashChain;
import io.opsgate.api.audit.HashChain.Head;
import io.opsgate.api.audit.VerifyLogCommand;
import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.RecordSealer;
import io.opsgate.engine.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The access log's chain, fields, sealed content, retention with a recorded anchor, forging attempts, per-tenant
 * isolation of failing files, the conversion of the previous format and the verify-log command.
 */
class AccessLogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A tenant's log keys as the engine derives them, made here from fresh keys. */
    static final class Keys implements LogKeys {
        final byte[] macKey = Aead.newKey();
        final RecordSealer sealer = new RecordSealer();

        Keys() {
            sealer.add(1, Aead.newKey());
            sealer.use(1);
        }

        @Override
        public ChainKey chainKey() {
            return ChainKey.of(macKey);
        }

        @Override
        public byte[] seal(byte[] plain, byte[] associated) {
            return sealer.seal(plain, associated);
        }

        @Override
        public byte[] open(byte[] sealed, byte[] associated) throws GeneralSecurityException {
            return sealer.open(sealed, associated);
        }

        @Override
        public int keyNumber(byte[] sealed) {
            return RecordSealer.keyNumber(sealed);
        }
    }

    @TempDir
    Path data;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    final Map<String, Keys> running = new ConcurrentHashMap<>();
    AccessLog log;

    AccessLog open() {
        return open(LogSink.FILES);
    }

    AccessLog open(LogSink.Opener opener) {
        running.computeIfAbsent("acme", t -> new Keys());
        log = new AccessLog(data, clock, running::get, t -> Duration.ofDays(1), opener);
        return log;
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
    }

    List<String> lines(String tenant) throws Exception {
        return Files.readAllLines(AccessLog.file(data, tenant), StandardCharsets.UTF_8);
    }

    List<String> lines() throws Exception {
        return lines("acme");
    }

    int verify(String... options) throws Exception {
        Path key = Files.write(data.resolve("acme.key"), running.get("acme").macKey);
        List<String> args = new ArrayList<>(List.of("verify-log", "--key=" + key));
        args.addAll(List.of(options));
        args.add(AccessLog.file(data, "acme").toString());
        return VerifyLogCommand.run("opsgate-engine.jar", args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void everyCallIsOneChainedLineWhoseContentIsSealedAndReadsBackWithTheContractFields() throws Exception {
        open().call("acme", "reader", "10.1.2.3", "GET", "/api/v2/alerts", 200, 3);
        log.engineAction("acme", "rotate-data-key", "data key a replaced by b");
        log.flush();
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode raw = JSON.readTree(lines.get(0));
        assertThat(raw.fieldNames()).toIterable().containsExactly("time", "data", "seq", "prev", "hash");
        assertThat(String.join("\n", lines)).doesNotContain("reader").doesNotContain("10.1.2.3").doesNotContain("/api/v2/alerts");

        List<JsonNode> entries = log.read("acme", null, 10);
        JsonNode first = entries.get(0);
        assertThat(first.path("time").asText()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(first.path("tenant").asText()).isEqualTo("acme");
        assertThat(first.path("principal").asText()).isEqualTo("reader");
        assertThat(first.path("sourceIp").asText()).isEqualTo("10.1.2.3");
        assertThat(first.path("method").asText()).isEqualTo("GET");
        assertThat(first.path("path").asText()).isEqualTo("/api/v2/alerts");
        assertThat(first.path("status").asInt()).isEqualTo(200);
        assertThat(first.path("durationMs").asLong()).isEqualTo(3);
        assertThat(first.path("seq").asLong()).isEqualTo(1);
        assertThat(first.path("prev").asText()).isEqualTo(HashChain.GENESIS);
        assertThat(entries.get(1).path("principal").asText()).isEqualTo(AccessLog.ENGINE_PRINCIPAL);
        assertThat(entries.get(1).path("prev").asText()).isEqualTo(first.path("hash").asText());
        assertThat(log.stats("acme").head()).isEqualTo(new Head(2, entries.get(1).path("hash").asText()));
        assertThat(log.verify("acme").ok()).isTrue();
        assertThat(log.verify("acme").hashes()).isEqualTo(ChainVerifier.Hashes.MAC_VERIFIED);
        assertThat(verify()).isZero();
        assertThat(log.keysInUse("acme")).containsExactly(1);
    }

    @Test
    void aChangedOrRemovedLineBreaksTheChainAndContentMovedToAnotherPlaceDoesNotDecrypt() throws Exception {
        open();
        for (int i = 0; i < 5; i++) {
            log.call("acme", "reader", "10.0.0.1", "GET", "/api/v1/tickets/" + i, 200, 1);
        }
        log.flush();
        assertThat(verify()).isZero();
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"time\":\"2026-11-01T10:00:00Z\"", "\"time\":\"2026-11-01T09:00:00Z\""));
        Files.write(AccessLog.file(data, "acme"), lines, StandardCharsets.UTF_8);
        assertThat(verify()).isEqualTo(1);
        lines = lines();
        lines.remove(3);
        Files.write(AccessLog.file(data, "acme"), lines, StandardCharsets.UTF_8);
        assertThat(verify()).isEqualTo(1);

        byte[] first = java.util.Base64.getDecoder().decode(JSON.readTree(lines.get(0)).path("data").asText());
        assertThat(running.get("acme").open(first, ChainFile.associated(1))).isNotEmpty();
        assertThatThrownBy(() -> running.get("acme").open(first, ChainFile.associated(2)))
                .as("an entry's content is bound to its place in the chain").isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void newlinesAndControlCharactersCannotForgeEntries() throws Exception {
        String forged = "/x\n{\"time\":\"2026-11-01T10:00:00Z\",\"tenant\":\"acme\",\"principal\":\"admin\",\"prev\":\"0\"}\r\u0000\u001b[2J\u2028";
        open().call("acme", "reader\n{\"principal\":\"admin\"}", "10.0.0.1\r\n", "GET", forged, 200, 1);
        log.call("acme", "reader", "10.0.0.1", "GET", "/ok", 200, 1);
        log.flush();
        assertThat(lines()).hasSize(2);
        List<JsonNode> entries = log.read("acme", null, 10);
        assertThat(entries.get(0).path("path").asText()).isEqualTo(forged);
        assertThat(entries.get(0).path("principal").asText()).startsWith("reader\n");
        assertThat(verify()).isZero();
    }

    @Test
    void retentionPrunesOldLinesRecordsTheAnchorOutsideAndLogsThePruning() throws Exception {
        open().call("acme", "reader", "10.0.0.1", "GET", "/old", 200, 1);
        log.call("acme", "reader", "10.0.0.1", "GET", "/old2", 200, 1);
        log.flush();
        String removedHash = JSON.readTree(lines().get(1)).path("hash").asText();
        clock.advance(Duration.ofDays(2));
        log.call("acme", "reader", "10.0.0.1", "GET", "/new", 200, 1);
        log.prune("acme", clock.instant().minus(Duration.ofDays(1)));
        log.flush();
        List<JsonNode> entries = log.read("acme", null, 10);
        assertThat(entries).extracting(e -> e.path("path").asText(e.path("action").asText()))
                .containsExactly("/new", "prune-access-log");
        assertThat(entries.get(1).path("detail").asText()).contains("2 entries", "after entry 2");
        assertThat(log.stats("acme").anchor()).isEqualTo(new Head(2, removedHash));
        assertThat(log.stats("acme").entries()).isEqualTo(2);
        assertThat(log.verify("acme").ok()).isTrue();
        assertThat(verify("--anchor=2:" + removedHash)).isZero();
        assertThat(Files.exists(AccessLog.file(data, "acme").resolveSibling(LogAnchor.FILE))).isTrue();

        // Dropping the first kept line now shows, although its successor's prev is a real hash.
        log.close();
        List<String> lines = lines();
        Files.write(AccessLog.file(data, "acme"), lines.subList(1, lines.size()), StandardCharsets.UTF_8);
        open();
        ChainVerifier.Result r = log.verify("acme");
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains("missing at the start", "recorded anchor is entry 2");
    }

    @Test
    void anAnchorRecordNotMadeWithTheKeyIsNotTrusted() throws Exception {
        open().call("acme", "reader", "10.0.0.1", "GET", "/1", 200, 1);
        log.call("acme", "reader", "10.0.0.1", "GET", "/2", 200, 1);
        log.close();
        List<String> lines = lines();
        JsonNode first = JSON.readTree(lines.get(0));
        Files.write(AccessLog.file(data, "acme"), lines.subList(1, 2), StandardCharsets.UTF_8);
        Files.writeString(AccessLog.file(data, "acme").resolveSibling(LogAnchor.FILE), "{\"seq\":1,\"hash\":\""
                + first.path("hash").asText() + "\",\"mac\":\"" + "0".repeat(64) + "\"}");
        open();
        assertThat(log.verify("acme").problem()).contains("does not verify under the chain's key");
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
        running.remove("acme");
        log.call("acme", "reader", "10.0.0.1", "GET", "/late", 200, 1);
        log.flush();
        assertThat(AccessLog.file(data, "acme")).doesNotExist();
    }

    @Test
    void aCutWhileTheEngineRunsShowsAgainstTheHeadItWrote() throws Exception {
        open();
        for (int i = 0; i < 3; i++) {
            log.call("acme", "reader", "10.0.0.1", "GET", "/" + i, 200, 1);
        }
        log.flush();
        Head checkpoint = log.stats("acme").head();
        List<String> lines = lines();
        Files.write(AccessLog.file(data, "acme"), lines.subList(0, 2), StandardCharsets.UTF_8);
        ChainVerifier.Result r = log.verify("acme");
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).contains("this process wrote up to entry 3");
        assertThat(log.verify("acme", checkpoint).problem()).isNotNull();
    }

    @Test
    void aFailingFileOfOneTenantLeavesTheOtherTenantsEntriesAndChainIntact() throws Exception {
        open();
        running.put("bravo", new Keys());
        // A directory where acme's file belongs: every open and append fails, for root too.
        Files.createDirectories(AccessLog.file(data, "acme"));
        for (int i = 0; i < 5; i++) {
            log.call("acme", "reader", "10.0.0.1", "GET", "/acme/" + i, 200, 1);
            log.call("bravo", "reader", "10.0.0.2", "GET", "/bravo/" + i, 200, 1);
        }
        log.flush();
        List<String> bravo = lines("bravo");
        assertThat(bravo).hasSize(5);
        assertThat(log.verify("bravo").ok()).isTrue();
        assertThat(log.verify("acme").ok()).as("a log that cannot be written is no evidence").isFalse();

        // acme's entries waited; once its file can be written they follow, in order, on an unbroken chain.
        Files.delete(AccessLog.file(data, "acme"));
        log.call("acme", "reader", "10.0.0.1", "GET", "/acme/5", 200, 1);
        log.flush();
        List<JsonNode> acme = log.read("acme", null, 10);
        assertThat(acme).hasSize(6);
        assertThat(acme.get(0).path("path").asText()).isEqualTo("/acme/0");
        assertThat(acme.get(5).path("path").asText()).isEqualTo("/acme/5");
        assertThat(log.verify("acme").ok()).isTrue();
        assertThat(verify()).isZero();
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNoTornLineAndNothingOfTheOtherTenantIsLost() throws Exception {
        FailingSinks sinks = new FailingSinks("acme");
        open(sinks);
        running.put("bravo", new Keys());
        log.call("acme", "reader", "10.0.0.1", "GET", "/acme/0", 200, 1);
        log.flush();
        sinks.failing = true;
        for (int i = 1; i < 4; i++) {
            log.call("acme", "reader", "10.0.0.1", "GET", "/acme/" + i, 200, 1);
            log.call("bravo", "reader", "10.0.0.2", "GET", "/bravo/" + i, 200, 1);
            log.flush();
        }
        assertThat(Files.readString(AccessLog.file(data, "acme"))).endsWith("\n");
        assertThat(lines()).hasSize(1);
        assertThat(lines("bravo")).hasSize(3);
        assertThat(log.verify("bravo").ok()).isTrue();

        sinks.failing = false;
        log.flush();
        assertThat(log.read("acme", null, 10)).extracting(e -> e.path("path").asText())
                .containsExactly("/acme/0", "/acme/1", "/acme/2", "/acme/3");
        assertThat(log.verify("acme").ok()).isTrue();
    }

    @Test
    void entriesBeyondWhatMayWaitAreCountedAndTheCountIsLogged() throws Exception {
        FailingSinks sinks = new FailingSinks("acme");
        sinks.failing = true;
        open(sinks);
        for (int i = 0; i < AccessLog.MAX_WAITING + 3; i++) {
            log.call("acme", "reader", "10.0.0.1", "GET", "/" + i, 200, 1);
        }
        log.flush();
        sinks.failing = false;
        log.flush();
        List<JsonNode> first = log.read("acme", null, 2);
        assertThat(first.get(0).path("action").asText()).isEqualTo("access-log-entries-lost");
        assertThat(first.get(0).path("detail").asText()).startsWith("3 entries");
        assertThat(first.get(1).path("path").asText()).isEqualTo("/3");
        assertThat(log.stats("acme").entries()).isEqualTo(AccessLog.MAX_WAITING + 1);
        assertThat(log.verify("acme").ok()).isTrue();
    }

    @Test
    void aLogOfThePreviousFormatIsConvertedAndNoEntryStaysInClear() throws Exception {
        List<String> earlier = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 0; i < 3; i++) {
            ObjectNode e = JSON.createObjectNode().put("time", "2026-10-0" + (i + 1) + "T00:00:00Z").put("tenant", "acme")
                    .put("principal", "old-reader").put("path", "/old/" + i).put("prev", prev);
            String body = JSON.writeValueAsString(e);
            String hash = ChainKey.NONE.hash(body);
            earlier.add(body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}");
            prev = hash;
        }
        Files.createDirectories(AccessLog.file(data, "acme").getParent());
        Files.write(AccessLog.file(data, "acme"), earlier, StandardCharsets.UTF_8);

        open().call("acme", "reader", "10.0.0.1", "GET", "/new", 200, 1);
        log.flush();
        assertThat(Files.readString(AccessLog.file(data, "acme"))).doesNotContain("old-reader");
        List<JsonNode> entries = log.read("acme", null, 10);
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).path("action").asText()).isEqualTo("access-log-converted");
        assertThat(entries.get(0).path("detail").asText()).contains("3 entries", prev, "its chain verified");
        assertThat(entries.get(1).path("principal").asText()).isEqualTo("old-reader");
        assertThat(entries.get(4).path("path").asText()).isEqualTo("/new");
        assertThat(log.verify("acme").ok()).isTrue();
    }

    @Test
    void aTornLastLineLeftByACrashIsCutOffAtOpen() throws Exception {
        open().call("acme", "reader", "10.0.0.1", "GET", "/1", 200, 1);
        log.close();
        Files.writeString(AccessLog.file(data, "acme"), "{\"time\":\"2026-11-01T10:00:00Z\",\"da",
                java.nio.file.StandardOpenOption.APPEND);
        open().call("acme", "reader", "10.0.0.1", "GET", "/2", 200, 1);
        log.flush();
        assertThat(lines()).hasSize(2);
        assertThat(log.verify("acme").ok()).isTrue();
    }

    /** File sinks, of which one tenant's fail after writing half of what they are given while {@link #failing}. */
    static final class FailingSinks implements LogSink.Opener {
        final String tenant;
        volatile boolean failing;

        FailingSinks(String tenant) {
            this.tenant = tenant;
        }

        @Override
        public LogSink open(Path file) throws IOException {
            LogSink real = LogSink.FILES.open(file);
            if (!file.toString().contains("/" + tenant + "/")) {
                return real;
            }
            return new LogSink() {
                @Override
                public long size() throws IOException {
                    return real.size();
                }

                @Override
                public void append(byte[] bytes) throws IOException {
                    if (failing) {
                        real.append(java.util.Arrays.copyOf(bytes, bytes.length / 2));
                        throw new IOException("No space left on device");
                    }
                    real.append(bytes);
                }

                @Override
                public void truncate(long size) throws IOException {
                    real.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }
    }
}
