package io.opsgate.engine.security.vault;

import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.DataKeyRecord;
import io.opsgate.engine.security.crypto.WrappedKey;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.SealedStore;
import io.opsgate.engine.store.TenantKeys;
import io.opsgate.engine.support.FakeKms;
import io.opsgate.engine.support.MemoryStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The credential vault on the encrypting store: values never in memory or on disk in clear, and the previous form converted. */
class TenantVaultTest {
    final MemoryStore raw = new MemoryStore();
    final FakeKms kms = new FakeKms().add("kms-1");

    TenantVault open() throws Exception {
        return new TenantVault("acme", new SealedStore("acme", raw, TenantKeys.open("acme", raw, kms, Clock.systemUTC())),
                Clock.systemUTC());
    }

    String everything() {
        StringBuilder b = new StringBuilder();
        raw.data.forEach((k, v) -> b.append(k).append('=').append(new String(v, StandardCharsets.ISO_8859_1)).append('\n'));
        return b.toString();
    }

    @Test
    void valuesAreStoredSealedAndReadFromTheStoreWhenAsked() throws Exception {
        TenantVault vault = open();
        VaultRecord meta = vault.put("slack", Map.of("url", "https://hooks.example/T000/B000/plaintext-secret"));
        assertThat(meta.keys()).containsExactly("url");
        assertThat(everything()).doesNotContain("plaintext-secret").contains("vault/").doesNotContain("slack");
        assertThat(vault.values("slack")).containsEntry("url", "https://hooks.example/T000/B000/plaintext-secret");
        TenantVault reopened = open();
        assertThat(reopened.values("slack")).containsEntry("url", "https://hooks.example/T000/B000/plaintext-secret");
        assertThat(reopened.list()).extracting(VaultRecord::tenant).containsOnly("acme");
        assertThat(reopened.delete("slack")).isTrue();
        assertThat(reopened.values("slack")).isNull();
        assertThat(open().list()).isEmpty();
    }

    @Test
    void aCredentialOfThePreviousVersionIsConvertedWhenTheVaultOpens() throws Exception {
        byte[] legacyKey = Aead.newKey();
        WrappedKey w = kms.wrap(legacyKey, "acme");
        raw.data.put("crypto/datakey", RecordCodec.encode(new DataKeyRecord("old-id", w.kekId(),
                Base64.getEncoder().encodeToString(w.bytes()), 1L, false)));
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("tenant", "acme");
        legacy.put("name", "db");
        legacy.put("keys", List.of("password"));
        legacy.put("updatedAt", 5L);
        legacy.put("keyId", "old-id");
        legacy.put("sealed", Base64.getEncoder().encodeToString(Aead.seal(legacyKey,
                "{\"password\":\"pw-4711\"}".getBytes(StandardCharsets.UTF_8), "acme/db/old-id")));
        raw.data.put("vault/db", RecordCodec.encode(legacy));

        TenantVault vault = open();
        assertThat(vault.values("db")).containsEntry("password", "pw-4711");
        assertThat(vault.metadata("db").updatedAt()).isEqualTo(5L);
        assertThat(everything()).doesNotContain("pw-4711").doesNotContain("crypto/datakey");
        assertThat(open().values("db")).containsEntry("password", "pw-4711");
    }
}
