package io.opsgate.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.GroupState;
import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.FileKekProvider;
import io.opsgate.engine.security.crypto.LocalKeks;
import io.opsgate.engine.security.crypto.WrappedKey;
import io.opsgate.engine.store.RocksDbStoreFactory;
import io.opsgate.engine.store.TenantKeys;
import io.opsgate.engine.store.TenantState;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.support.Http;
import io.opsgate.engine.support.HttpSink;
import io.opsgate.engine.support.Manifests;
import io.opsgate.engine.support.SecureEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, finding 7: every record a tenant's data produces is encrypted at rest under the tenant's data key, so a
 * copy of the volume holds no plaintext and a purge (which destroys the key) leaves every copy unreadable. The data
 * directory is searched byte by byte, RocksDB's WAL and its SST files decompressed included.
 */
class StoreEncryptionIT {
    static final String INSTANCE = "web-marker-4711";
    static final String SUMMARY = "summary-marker-0815";
    static final String COMMENT = "comment-marker-2342";
    static final String SILENCE = "silence-marker-1337";
    static final String CREDENTIAL = "cred-marker-9999";
    static final String SECRET = "secret-marker-5150";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> MARKERS = List.of(INSTANCE, SUMMARY, COMMENT, SILENCE, CREDENTIAL, SECRET);

    @TempDir
    Path root;
    SecureEngine engine;
    HttpSink refusing;
    HttpSink failing;
    String admin;

    @BeforeEach
    void start() throws Exception {
        refusing = new HttpSink(Clock.systemUTC()).otherwise(400);
        failing = new HttpSink(Clock.systemUTC()).otherwise(500);
        engine = new SecureEngine(root).config("tenants.yaml", """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  egress: [{cidr: 127.0.0.1/32}]   # the sinks: loopback opens only when named
                  apiTokens:
                    - {name: admin, scopes: [Ingest, Read, Admin]}
                ---
                """ + Manifests.webhookChannel("acme", "refusing", refusing.url("/hook"), null)
                + Manifests.webhookChannel("acme", "failing", failing.url("/hook"), null)
                + Manifests.rule("acme", "page", """
                matchers: ['severity="critical"']
                actions:
                  ticket: {priority: P1}
                  notify: {channels: [refusing, failing], groupBy: [instance], groupWait: 0s, groupInterval: 1m}"""))
                .token("acme", "admin", "acme-admin-token-00000000000000000000000");
    }

    @AfterEach
    void stop() {
        engine.close();
        refusing.close();
        failing.close();
    }

    /** An alert, its ticket with a comment, a silence, a credential, a dead letter and a delivery still retrying. */
    void produceEveryKindOfRecord() throws Exception {
        admin = engine.token("acme/admin");
        Http http = engine.http;
        assertThat(http.post("/api/v2/alerts", admin, "[{\"labels\":{\"alertname\":\"DiskFull\",\"severity\":\"critical\","
                + "\"instance\":\"" + INSTANCE + "\"},\"annotations\":{\"summary\":\"" + SUMMARY + "\"}}]").status()).isEqualTo(200);
        JsonNode tickets = http.get("/api/v1/tickets", admin).json().path("tickets");
        assertThat(tickets.size()).isEqualTo(1);
        long ticket = tickets.get(0).path("id").asLong();
        assertThat(http.post("/api/v1/tickets/" + ticket + "/comments", admin, "{\"text\":\"" + COMMENT + "\"}").status())
                .isEqualTo(200);
        assertThat(http.post("/api/v2/silences", admin, "{\"matchers\":[{\"name\":\"instance\",\"value\":\"other\","
                + "\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\","
                + "\"createdBy\":\"ops\",\"comment\":\"" + SILENCE + "\"}").status()).isEqualTo(200);
        assertThat(http.put("/api/v1/credentials/" + CREDENTIAL, admin, "{\"password\":\"" + SECRET + "\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/deadletters", admin).json()
                .path("deadLetters").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !failing.requests().isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/tickets/" + ticket, admin).json()
                .path("deliveries").size() >= 2);
        engine.server.security().accessLog().flush();
        engine.server.registry().tenant("acme").store().compact();
    }

    @Test
    void noRecordOfTheTenantIsPlaintextOnDiskAndEverythingReadsBackAfterARestart() throws Exception {
        engine.start(Clock.systemUTC());
        produceEveryKindOfRecord();

        String disk = EngineSecurityIT.bytesUnder(engine.dataDir);
        for (String marker : MARKERS) {
            assertThat(disk).as("the data directory holds %s", marker).doesNotContain(marker);
        }

        engine.restart();
        assertThat(engine.http.get("/api/v2/alerts", admin).body()).contains(INSTANCE, SUMMARY);
        assertThat(engine.http.get("/api/v1/tickets/1", admin).body()).contains(COMMENT);
        assertThat(engine.http.get("/api/v2/silences", admin).body()).contains(SILENCE);
        assertThat(engine.http.get("/api/v1/deadletters", admin).json().path("deadLetters").size()).isEqualTo(1);
        assertThat(engine.http.get("/api/v1/access-log?limit=1000", admin).body()).contains("/api/v1/credentials/" + CREDENTIAL);
    }

    @Test
    void aCopyOfTheStoreTakenBeforeThePurgeHoldsNothingReadableAfterIt() throws Exception {
        // A fresh standalone user's setup: no --kek-dir, so the tenant's KEK is generated under the data directory.
        engine.withoutKekDir().start(Clock.systemUTC());
        produceEveryKindOfRecord();
        Path kek = engine.dataDir.resolve(LocalKeks.DIR).resolve("acme");
        assertThat(kek).isDirectory();
        assertThat(Files.getPosixFilePermissions(kek)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        Path copy = root.resolve("copy");
        copyTree(engine.dataDir.resolve("acme"), copy.resolve("acme"));
        assertThat(readable(copy)).as("before the purge, the KEK still opens the copy").isTrue();

        Http.Response purge = engine.http.post("/internal/v1/purge", SecureEngine.INTERNAL_TOKEN, "{\"tenant\":\"acme\"}");
        assertThat(purge.status()).as(purge.body()).isEqualTo(200);
        assertThat(purge.json().path("keysDestroyed").asBoolean()).isTrue();
        assertThat(kek).doesNotExist();

        String copied = EngineSecurityIT.bytesUnder(copy);
        for (String marker : MARKERS) {
            assertThat(copied).as("the copy holds %s", marker).doesNotContain(marker);
        }
        assertThat(readable(copy)).as("no key left on this machine opens the copy").isFalse();
    }

    /** Whether any KEK left under the test's directory unwraps the keys of the copied store. */
    boolean readable(Path copy) throws Exception {
        List<Path> kekDirs;
        try (Stream<Path> dirs = Files.walk(root)) {
            kekDirs = dirs.filter(Files::isDirectory).filter(d -> !d.startsWith(copy)).toList();
        }
        try (TenantStore raw = new RocksDbStoreFactory(copy, (t, n, w) -> { }).openReadOnly("acme")) {
            for (Path dir : kekDirs) {
                try {
                    TenantKeys.readSecret("acme", raw, new FileKekProvider(dir), TenantKeys.logMacPurpose());
                    return true;
                } catch (java.io.IOException e) {
                    // this directory holds no KEK of the copy
                }
            }
        }
        return false;
    }

    @Test
    void aStoreWrittenByThePreviousVersionIsReadAndSealedOnStart() throws Exception {
        writePlaintextStoreAsThePreviousVersionDid();
        engine.start(Clock.systemUTC());
        admin = engine.token("acme/admin");

        assertThat(engine.http.get("/api/v2/alerts", admin).body()).contains(INSTANCE, SUMMARY);
        assertThat(engine.server.security().credential("acme", "legacy")).containsEntry("password", SECRET);
        engine.server.registry().tenant("acme").store().compact();
        String disk = EngineSecurityIT.bytesUnder(engine.dataDir);
        for (String marker : MARKERS) {
            assertThat(disk).as("the data directory holds %s", marker).doesNotContain(marker);
        }
        engine.restart();
        assertThat(engine.http.get("/api/v2/alerts", admin).body()).contains(INSTANCE, SUMMARY);
        assertThat(engine.server.security().credential("acme", "legacy")).containsEntry("password", SECRET);
    }

    /**
     * The store as main wrote it: JSON values in the clear through {@link TenantState}, a group keyed by its label
     * values, and a credential under the vault's own envelope (data key wrapped by the KEK at crypto/datakey).
     */
    void writePlaintextStoreAsThePreviousVersionDid() throws Exception {
        long now = System.currentTimeMillis();
        try (TenantStore store = new RocksDbStoreFactory(engine.dataDir, (t, n, w) -> { }).open("acme")) {
            TenantState state = new TenantState(store, () -> 1, () -> 1);
            TenantState.Changes changes = state.changes();
            Alert a = new Alert();
            a.fingerprint = "00000000000000aa";
            a.labels.putAll(Map.of("alertname", "DiskFull", "instance", INSTANCE));
            a.annotations.put("summary", SUMMARY);
            a.startsAt = now;
            a.endsAt = now + Duration.ofHours(1).toMillis();
            a.updatedAt = now;
            a.firstSeen = now;
            a.lastSeen = now;
            a.count = 1;
            changes.alert(a);
            GroupState g = new GroupState();
            g.key = "page:{instance=\"" + INSTANCE + "\"}";
            g.rule = "page";
            g.lastNotifiedAt = now;
            g.firing.add(a.fingerprint);
            changes.group(g);
            state.commit(changes).join();

            FileKekProvider keks = new FileKekProvider(engine.kekDir);
            byte[] dataKey = Aead.newKey();
            WrappedKey wrapped = keks.wrap(dataKey, "acme");
            String keyId = "legacy-key";
            ObjectNode keyRecord = JSON.createObjectNode().put("id", keyId).put("kekId", wrapped.kekId())
                    .put("wrapped", Base64.getEncoder().encodeToString(wrapped.bytes())).put("createdAt", now)
                    .put("rotated", false);
            byte[] sealed = Aead.seal(dataKey, ("{\"password\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8),
                    "acme/legacy/" + keyId);
            ObjectNode vaultRecord = JSON.createObjectNode().put("tenant", "acme").put("name", "legacy");
            vaultRecord.putArray("keys").add("password");
            vaultRecord.put("updatedAt", now).put("keyId", keyId).put("sealed", Base64.getEncoder().encodeToString(sealed));
            WriteSet writes = new WriteSet();
            writes.put("crypto/datakey", JSON.writeValueAsBytes(keyRecord));
            writes.put("vault/legacy", JSON.writeValueAsBytes(vaultRecord));
            store.commit(writes).join();
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.getFileName().toString().equals("LOCK")) {
                    Files.copy(f, target);
                }
            }
        }
    }
}
