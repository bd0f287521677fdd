package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.api.audit.VerifyLogCommand;
import io.opsgate.engine.app.LogKeyCommand;
import io.opsgate.engine.security.audit.AccessLog;
import io.opsgate.engine.security.audit.Trees;
import io.opsgate.engine.security.crypto.DataKeyRecord;
import io.opsgate.engine.security.crypto.FileKekProvider;
import io.opsgate.engine.security.crypto.KekSource;
import io.opsgate.engine.security.crypto.RecordSealer;
import io.opsgate.engine.security.vault.TenantVault;
import io.opsgate.engine.store.RocksDbStoreFactory;
import io.opsgate.engine.store.SealedStoreFactory;
import io.opsgate.engine.store.TenantKeys;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import io.opsgate.engine.support.SecureEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The engine's security controls through its APIs on one standalone server: the credential vault (values
 * never returned, never in plaintext in the store's files, RocksDB WAL and SST included), data-key
 * rotation of every record, the tenant's access log and its key, the evidence for the operator, security notices
 * and the purge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineSecurityIT {
    static final String SECRET = "xoxb-plaintext-webhook-secret-4711";
    /** The notice channel's signing key, only in the vault (no Secret file): the vault is asked first. */
    static final String HMAC_KEY = "vault-only-hmac-key-0815";

    @TempDir
    static Path root;
    static SecureEngine engine;
    static Http http;
    static HttpSink sink;
    static String admin;
    static String reader;

    @BeforeAll
    static void start() throws Exception {
        sink = new HttpSink(Clock.systemUTC());
        engine = new SecureEngine(root).config("tenants.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: delta}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                    - {name: reader, scopes: [Read]}
                  security: {noticeChannel: sec, dataKeyRotation: 30d}
                  retention: {logs: 30d}
                ---
                """ + Manifests.webhookChannel("delta", "sec", sink.url("/notices"), "sec-hook")
                + Manifests.rule("delta", "page", """
                matchers: ['severity="critical"']
                actions:
                  ticket: {priority: P1}""") + """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: epsilon}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                """)
                .token("delta", "admin", "delta-admin-token-000000000000000000000")
                .token("delta", "reader", "delta-reader-token-00000000000000000000")
                .token("epsilon", "admin", "epsilon-admin-token-0000000000000000000")
                .start(Clock.systemUTC());
        http = engine.http;
        admin = engine.token("delta/admin");
        reader = engine.token("delta/reader");
        assertThat(http.post("/api/v2/alerts", admin, "[{\"labels\":{\"alertname\":\"DiskFull\",\"severity\":\"critical\"}}]")
                .status()).isEqualTo(200);
        assertThat(http.put("/api/v1/credentials/other", engine.token("epsilon/admin"), "{\"k\":\"epsilon-value\"}").status())
                .isEqualTo(200);
        assertThat(http.put("/api/v1/credentials/sec-hook", admin, "{\"hmacKey\":\"" + HMAC_KEY + "\"}").status())
                .isEqualTo(200);
        sink.acceptSignedWith(HMAC_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
        sink.close();
    }

    static Path store(String tenant) {
        return engine.dataDir.resolve(tenant);
    }

    /** Every byte of every file under dir, as ISO-8859-1 text so any byte sequence can be searched. */
    static String bytesUnder(Path dir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
                if (f.getFileName().toString().endsWith(".sst")) {
                    // SST blocks are LZ4-compressed: a value may sit there as a back-reference, not as its bytes.
                    all.append(sstEntries(f));
                }
            }
        }
        return all.toString();
    }

    /** Every key and value of an SST file, decompressed, as RocksDB reads them. */
    static String sstEntries(Path sst) throws Exception {
        StringBuilder out = new StringBuilder();
        try (org.rocksdb.Options options = new org.rocksdb.Options();
             org.rocksdb.SstFileReader reader = new org.rocksdb.SstFileReader(options)) {
            reader.open(sst.toString());
            try (org.rocksdb.ReadOptions read = new org.rocksdb.ReadOptions();
                 org.rocksdb.SstFileReaderIterator it = reader.newIterator(read)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    out.append(new String(it.key(), StandardCharsets.ISO_8859_1)).append('\t')
                            .append(new String(it.value(), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The numbers of the data keys that sealed the records of the SST files under dir (the keyring aside). */
    static Set<Integer> sealingKeys(Path dir) throws Exception {
        Set<Integer> numbers = new HashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path sst : files.filter(f -> f.getFileName().toString().endsWith(".sst")).toList()) {
                try (org.rocksdb.Options options = new org.rocksdb.Options();
                     org.rocksdb.SstFileReader reader = new org.rocksdb.SstFileReader(options)) {
                    reader.open(sst.toString());
                    try (org.rocksdb.ReadOptions read = new org.rocksdb.ReadOptions();
                         org.rocksdb.SstFileReaderIterator it = reader.newIterator(read)) {
                        for (it.seekToFirst(); it.isValid(); it.next()) {
                            if (!new String(it.key(), StandardCharsets.UTF_8).startsWith("crypto/")) {
                                assertThat(RecordSealer.isSealed(it.value())).isTrue();
                                numbers.add(RecordSealer.keyNumber(it.value()));
                            }
                        }
                    }
                }
            }
        }
        return numbers;
    }

    static TenantKeys keys(String tenant) {
        return engine.server.registry().tenant(tenant).store().keys();
    }

    static List<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    @Order(1)
    void credentialsAreStoredEncryptedAndTheirValuesNeverReturned() throws Exception {
        Http.Response put = http.put("/api/v1/credentials/slack", admin, "{\"url\":\"https://hooks.example/" + SECRET + "\","
                + "\"user\":\"ops\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("keys").toString()).isEqualTo("[\"url\",\"user\"]");
        assertThat(put.body()).doesNotContain(SECRET);
        Http.Response get = http.get("/api/v1/credentials/slack", admin);
        assertThat(get.json().path("name").asText()).isEqualTo("slack");
        assertThat(get.json().path("updatedAt").asText()).endsWith("Z");
        assertThat(get.body()).doesNotContain(SECRET);
        assertThat(http.get("/api/v1/credentials", admin).body()).contains("slack").doesNotContain(SECRET);
        assertThat(http.get("/api/v1/credentials/slack", reader).status()).isEqualTo(403);
        assertThat(http.put("/api/v1/credentials/bad", admin, "{\"k\": 1}").json().path("field").asText()).isEqualTo("k");
        assertThat(http.put("/api/v1/credentials/bad%2Fname", admin, "{\"k\":\"v\"}").status()).isIn(400, 404);
        assertThat(engine.server.security().credential("delta", "slack")).containsEntry("url", "https://hooks.example/" + SECRET);

        engine.server.registry().tenant("delta").store().compact();
        assertThat(fileNames(store("delta"))).anyMatch(n -> n.endsWith(".sst"));
        assertThat(fileNames(store("delta"))).anyMatch(n -> n.endsWith(".log"));
        String disk = bytesUnder(engine.dataDir);
        assertThat(disk).contains("vault/").doesNotContain("vault/slack").doesNotContain(SECRET)
                .doesNotContain("epsilon-value").doesNotContain(HMAC_KEY);
    }

    @Test
    @Order(2)
    void rotationReEncryptsEveryRecordKeepsTheOldKeyOnlyForLogLinesAndSendsANotice() throws Exception {
        DataKeyRecord oldKey = keys("delta").current();
        assertThat(bytesUnder(store("delta"))).contains(oldKey.wrapped());
        // A line sealed with the old key must be on disk before the rotation, or nothing needs that key any more
        // and it is rightly destroyed at once (the log is written behind the responses).
        http.get("/api/v2/alerts", reader);
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.server.security().accessLog().keysInUse("delta").isEmpty());
        Http.Response r = http.post("/api/v1/keys/rotate", admin, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("dataKey").path("id").asText()).isNotEqualTo(oldKey.id()).isEqualTo(keys("delta").current().id());
        assertThat(r.json().path("dataKey").path("reencrypted").asInt()).as("alert, ticket, credentials, delivery records")
                .isGreaterThanOrEqualTo(4);
        engine.server.registry().tenant("delta").store().compact();
        assertThat(sealingKeys(store("delta"))).as("every record under the new key, number 2").containsExactly(2);
        assertThat(bytesUnder(store("delta"))).doesNotContain(SECRET);
        assertThat(engine.server.security().credential("delta", "slack")).containsEntry("url", "https://hooks.example/" + SECRET);
        assertThat(http.post("/api/v1/keys/rotate", reader, "").status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.processed().stream()
                .anyMatch(q -> new String(q.body(), StandardCharsets.UTF_8).contains("Data key rotated")));
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/api/v1/access-log?limit=1000", reader).body()
                .contains("rotate-data-key"));
        // Access-log lines are chained and never rewritten: the old key stays, wrapped, while lines sealed with it
        // are kept, and goes with the last of them.
        assertThat(keys("delta").retiredKeys()).isEqualTo(1);
        assertThat(http.get("/internal/v1/security?tenant=delta", SecureEngine.INTERNAL_TOKEN).json().path("dataKey")
                .path("retiredKeys").asInt()).isEqualTo(1);
        engine.server.security().accessLog().prune("delta", Instant.now().plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> keys("delta").retiredKeys() == 0);
        assertThat(bytesUnder(store("delta"))).doesNotContain(oldKey.wrapped());
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/api/v1/access-log?limit=1000", reader).body()
                .contains("destroy-data-key"));
    }

    @Test
    @Order(3)
    void theAccessLogRecordsEveryCallOfTheTenantOnly() throws Exception {
        http.get("/api/v2/alerts", reader);
        http.get("/api/v1/tickets", engine.token("epsilon/admin"));
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/api/v1/access-log?limit=1000", reader).body()
                .contains("/api/v2/alerts"));
        JsonNode entries = http.get("/api/v1/access-log?limit=1000", reader).json().path("entries");
        List<String> tenants = new ArrayList<>();
        entries.forEach(e -> tenants.add(e.path("tenant").asText()));
        assertThat(tenants).isNotEmpty().containsOnly("delta");
        JsonNode call = null;
        for (JsonNode e : entries) {
            if (e.path("path").asText().equals("/api/v2/alerts") && e.path("method").asText().equals("GET")) {
                call = e;
            }
        }
        assertThat(call).isNotNull();
        assertThat(call.path("principal").asText()).isEqualTo("reader");
        assertThat(call.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(call.path("status").asInt()).isEqualTo(200);
        assertThat(call.path("time").asText()).endsWith("Z");
        assertThat(call.has("durationMs")).isTrue();
        String since = entries.get(entries.size() - 1).path("time").asText();
        assertThat(http.get("/api/v1/access-log?since=" + since, reader).json().path("entries").size()).isPositive();
        assertThat(http.get("/api/v1/access-log?since=yesterday", reader).json().path("field").asText()).isEqualTo("since");
        assertThat(http.get("/api/v1/access-log?limit=0", reader).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/access-log", engine.token("epsilon/admin")).body()).doesNotContain("delta");
        engine.server.security().accessLog().flush();
        String log = AccessLog.file(engine.dataDir, "delta").toString();
        ByteArrayOutputStream structureOnly = new ByteArrayOutputStream();
        assertThat(VerifyLogCommand.run("opsgate-engine.jar", new String[]{"verify-log", log}, new PrintStream(structureOnly),
                System.err)).isZero();
        assertThat(structureOnly.toString()).contains("hashes NOT checked: no key given");
        // The log's key, read beside the running engine with the tenant's KEK, verifies every MAC.
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        assertThat(LogKeyCommand.run(new String[]{"log-key", "--data=" + engine.dataDir, "--kek-dir=" + engine.kekDir, "delta"},
                new PrintStream(key), System.err)).isZero();
        Path keyFile = Files.writeString(root.resolve("delta-log.key"), key.toString());
        ByteArrayOutputStream keyed = new ByteArrayOutputStream();
        assertThat(VerifyLogCommand.run("opsgate-engine.jar", new String[]{"verify-log", "--key=" + keyFile, log},
                new PrintStream(keyed), System.err)).isZero();
        assertThat(keyed.toString()).contains("OK").doesNotContain("NOT checked");
        assertThat(LogKeyCommand.run(new String[]{"log-key", "--data=" + engine.dataDir, "--kek-dir=" + root.resolve("none"),
                "delta"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(1);
    }

    @Test
    @Order(4)
    void theEvidenceFollowsTheContract() {
        assertThat(http.get("/internal/v1/security?tenant=delta", admin).status()).isEqualTo(401);
        Http.Response r = http.get("/internal/v1/security?tenant=delta", SecureEngine.INTERNAL_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.path("tenant").asText()).isEqualTo("delta");
        assertThat(e.path("component").asText()).isEqualTo("standalone");
        assertThat(e.path("tls").path("enabled").asBoolean()).isFalse();
        assertThat(e.path("dataKey").path("rotatedAt").asText()).endsWith("Z");
        assertThat(e.path("dataKey").path("rotationPeriod").asText()).isEqualTo("30d");
        assertThat(e.path("dataKey").path("kekId").asText()).isEqualTo("2026-01-01");
        assertThat(e.path("dataKey").path("kekProvider").asText()).isEqualTo("file");
        assertThat(e.path("dataKey").path("retiredKeys").asInt()).isZero();
        JsonNode log = e.path("accessLog");
        assertThat(log.path("entries").asLong()).isPositive();
        assertThat(log.path("headHash").asText()).hasSize(64);
        assertThat(log.path("headSeq").asLong()).isGreaterThanOrEqualTo(log.path("entries").asLong());
        assertThat(log.path("anchorSeq").asLong()).isEqualTo(log.path("headSeq").asLong() - log.path("entries").asLong());
        assertThat(log.path("keyed").asBoolean()).isTrue();
        assertThat(log.path("chainVerified").asBoolean()).isTrue();
        assertThat(log.path("problem").isNull()).isTrue();
        assertThat(log.path("checkpoint").isNull()).isTrue();
        String checkpoint = log.path("headSeq").asLong() + ":" + log.path("headHash").asText();
        JsonNode checked = http.get("/internal/v1/security?tenant=delta&checkpoint=" + checkpoint, SecureEngine.INTERNAL_TOKEN)
                .json().path("accessLog");
        assertThat(checked.path("checkpoint").path("verified").asBoolean()).isTrue();
        assertThat(checked.path("chainVerified").asBoolean()).isTrue();
        Http.Response bad = http.get("/internal/v1/security?tenant=delta&checkpoint=12", SecureEngine.INTERNAL_TOKEN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("checkpoint");
        assertThat(e.path("accessLog").path("retention").asText()).isEqualTo("30d");
        assertThat(e.path("tokens").path("count").asInt()).isEqualTo(2);
        assertThat(e.path("vault").path("entries").asInt()).isEqualTo(2);
        assertThat(e.path("allowList").path("api").isArray()).isTrue();
        assertThat(http.get("/internal/v1/security?tenant=nobody", SecureEngine.INTERNAL_TOKEN).status()).isEqualTo(404);
        assertThat(http.get("/internal/v1/security", SecureEngine.INTERNAL_TOKEN).json().path("field").asText()).isEqualTo("tenant");
    }

    @Test
    @Order(5)
    void noticesGoToTheNoticeChannelBypassingRules() {
        assertThat(http.post("/internal/v1/notices", admin, "{}").status()).isEqualTo(401);
        Http.Response r = http.post("/internal/v1/notices", SecureEngine.INTERNAL_TOKEN,
                "{\"tenant\":\"delta\",\"title\":\"Token rotated\",\"body\":\"token ci was replaced\",\"severity\":\"warning\","
                        + "\"kind\":\"TokenRotated\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("channel").asText()).isEqualTo("sec");
        // Delivered (processed) only when signed with the key from the vault.
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.processed().stream()
                .anyMatch(q -> new String(q.body(), StandardCharsets.UTF_8).contains("token ci was replaced")));
        Http.Response none = http.post("/internal/v1/notices", SecureEngine.INTERNAL_TOKEN,
                "{\"tenant\":\"epsilon\",\"title\":\"x\",\"severity\":\"info\",\"kind\":\"Test\"}");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("queued").asBoolean()).isFalse();
        assertThat(http.post("/internal/v1/notices", SecureEngine.INTERNAL_TOKEN,
                "{\"tenant\":\"delta\",\"title\":\"x\",\"severity\":\"loud\",\"kind\":\"Test\"}").json().path("field").asText())
                .isEqualTo("severity");
        assertThat(http.post("/internal/v1/notices", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"delta\"}").json()
                .path("field").asText()).isEqualTo("title");
    }

    @Test
    @Order(6)
    void aPurgeDeletesStoreKeysAndLogsAndLeavesTheOtherTenantUntouched() throws Exception {
        DataKeyRecord key = keys("delta").current();
        engine.server.security().accessLog().flush();
        assertThat(AccessLog.file(engine.dataDir, "delta")).exists();

        assertThat(http.post("/internal/v1/purge", admin, "{\"tenant\":\"delta\"}").status()).isEqualTo(401);
        Http.Response r = http.post("/internal/v1/purge", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"delta\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.path("tenant").asText()).isEqualTo("delta");
        assertThat(report.path("storeDeleted").asBoolean()).isTrue();
        assertThat(report.path("keysDestroyed").asBoolean()).isTrue();
        assertThat(report.path("logsDeleted").asBoolean()).isTrue();
        assertThat(report.path("bytesRemoved").asLong()).isPositive();
        assertThat(report.path("verifiedAt").asText()).endsWith("Z");
        assertThat(store("delta")).doesNotExist();
        assertThat(bytesUnder(engine.dataDir)).doesNotContain(key.wrapped());
        assertThat(http.get("/api/v2/alerts", reader).status()).isEqualTo(401);
        assertThatThrownBy(() -> engine.server.security().vault("delta")).isInstanceOf(SecurityService.Unavailable.class);
        assertThat(engine.server.security().credential("delta", "slack")).isNull();
        // The data keys existed only wrapped in the deleted store: a store opened again for the tenant starts with
        // new keys and holds nothing. (A copy taken before the purge: StoreEncryptionIT.)
        SealedStoreFactory stores = new SealedStoreFactory(new RocksDbStoreFactory(engine.dataDir, (t, n, w) -> { }),
                KekSource.shared(new FileKekProvider(engine.kekDir)), Clock.systemUTC());
        try (TenantStore fresh = stores.open("delta")) {
            assertThat(fresh.keys().current().id()).isNotEqualTo(key.id());
            assertThat(new TenantVault("delta", fresh, Clock.systemUTC()).list()).isEmpty();
        }
        Trees.delete(store("delta"));

        Http.Response again = http.post("/internal/v1/purge", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"delta\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("bytesRemoved").asLong()).isZero();
        assertThat(again.json().path("storeDeleted").asBoolean()).isTrue();
        assertThat(http.post("/internal/v1/purge", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"../etc\"}").status()).isEqualTo(400);

        assertThat(http.get("/api/v1/credentials/other", engine.token("epsilon/admin")).status()).isEqualTo(200);
        assertThat(engine.server.security().credential("epsilon", "other")).containsEntry("k", "epsilon-value");
    }
}
