package io.opsgate.engine.security.crypto;

import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.support.MemoryStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The vault's envelope encryption against a fake KMS and the file provider, on an in-memory store. */
class TenantVaultTest {
    final MemoryStore store = new MemoryStore();
    final FakeKms kms = new FakeKms().add("kms-1");

    String everything() {
        StringBuilder b = new StringBuilder();
        store.data.forEach((k, v) -> b.append(k).append('=').append(new String(v, StandardCharsets.UTF_8)).append('\n'));
        return b.toString();
    }

    @Test
    void valuesAreStoredOnlySealedAndReadBack() throws Exception {
        TenantVault vault = new TenantVault("acme", store, kms, Clock.systemUTC());
        VaultRecord meta = vault.put("slack", Map.of("url", "https://hooks.example/T000/B000/plaintext-secret"));
        assertThat(meta.keys()).containsExactly("url");
        assertThat(everything()).doesNotContain("plaintext-secret").contains("vault/slack").contains("crypto/datakey");
        assertThat(vault.values("slack")).containsEntry("url", "https://hooks.example/T000/B000/plaintext-secret");
        TenantVault reopened = new TenantVault("acme", store, kms, Clock.systemUTC());
        assertThat(reopened.values("slack")).containsEntry("url", "https://hooks.example/T000/B000/plaintext-secret");
        assertThat(reopened.list()).extracting(VaultRecord::tenant).containsOnly("acme");
    }

    @Test
    void rotationReplacesTheKeyAndEveryCiphertext() throws Exception {
        TenantVault vault = new TenantVault("acme", store, kms, Clock.systemUTC());
        vault.put("a", Map.of("k", "value-a"));
        vault.put("b", Map.of("k", "value-b"));
        String oldKey = new String(store.data.get("crypto/datakey"), StandardCharsets.UTF_8);
        String oldA = vault.metadata("a").sealed();
        DataKeyRecord next = vault.rotate();
        assertThat(next.rotated()).isTrue();
        assertThat(everything()).doesNotContain(oldA).doesNotContain(RecordCodec.decode(oldKey.getBytes(StandardCharsets.UTF_8),
                DataKeyRecord.class).wrapped());
        assertThat(vault.metadata("a").keyId()).isEqualTo(next.id());
        assertThat(new TenantVault("acme", store, kms, Clock.systemUTC()).values("b")).containsEntry("k", "value-b");
    }

    @Test
    void aKekRotationRewrapsAndTheOldKekIsNoLongerNeeded() throws Exception {
        TenantVault vault = new TenantVault("acme", store, kms, Clock.systemUTC());
        vault.put("a", Map.of("k", "v"));
        kms.add("kms-2");
        assertThat(vault.rewrap()).isTrue();
        assertThat(vault.keyRecord().kekId()).isEqualTo("kms-2");
        kms.remove("kms-1");
        assertThat(new TenantVault("acme", store, kms, Clock.systemUTC()).values("a")).containsEntry("k", "v");
        assertThat(vault.rewrap()).isFalse();
    }

    @Test
    void withoutTheKekOrInAnotherTenantNothingDecrypts() throws Exception {
        TenantVault vault = new TenantVault("acme", store, kms, Clock.systemUTC());
        vault.put("a", Map.of("k", "v"));
        kms.remove("kms-1").add("kms-9");
        assertThatThrownBy(() -> new TenantVault("acme", store, kms, Clock.systemUTC()).values("a"))
                .isInstanceOf(GeneralSecurityException.class);
        MemoryStore copy = new MemoryStore();
        copy.data.putAll(store.data);
        FakeKms same = new FakeKms();
        assertThatThrownBy(() -> new TenantVault("globex", copy, same.add("kms-9"), Clock.systemUTC()).values("a"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aChangedCiphertextIsDetected() throws Exception {
        TenantVault vault = new TenantVault("acme", store, kms, Clock.systemUTC());
        VaultRecord r = vault.put("a", Map.of("k", "v"));
        byte[] sealed = Base64.getDecoder().decode(r.sealed());
        sealed[sealed.length - 1] ^= 1;
        VaultRecord changed = new VaultRecord(r.tenant(), r.name(), r.keys(), r.updatedAt(), r.keyId(),
                Base64.getEncoder().encodeToString(sealed));
        store.data.put("vault/a", RecordCodec.encode(changed));
        assertThatThrownBy(() -> new TenantVault("acme", store, kms, Clock.systemUTC()).values("a"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theFileProviderWrapsWithTheNewestIdAndUnwrapsWithAnyListed() throws Exception {
        Path dir = Files.createTempDirectory("kek");
        Files.write(dir.resolve("2026-01"), Aead.newKey());
        FileKekProvider files = new FileKekProvider(dir);
        TenantVault vault = new TenantVault("acme", store, files, Clock.systemUTC());
        vault.put("a", Map.of("k", "v"));
        assertThat(vault.keyRecord().kekId()).isEqualTo("2026-01");
        Files.writeString(dir.resolve("2026-02"), Base64.getEncoder().encodeToString(Aead.newKey()) + "\n");
        Files.writeString(dir.resolve("..data"), "ignored");
        assertThat(files.ids()).containsExactly("2026-01", "2026-02");
        assertThat(vault.rewrap()).isTrue();
        Files.delete(dir.resolve("2026-01"));
        assertThat(new TenantVault("acme", store, files, Clock.systemUTC()).values("a")).containsEntry("k", "v");
        Files.writeString(dir.resolve("2026-03"), "too short");
        assertThatThrownBy(() -> vault.rotate()).hasMessageContaining("not 32 bytes");
    }
}
