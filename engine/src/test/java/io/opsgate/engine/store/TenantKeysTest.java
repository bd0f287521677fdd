package io.opsgate.engine.store;

import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.DataKeyRecord;
import io.opsgate.engine.security.crypto.Keyring;
import io.opsgate.engine.security.crypto.RecordSealer;
import io.opsgate.engine.security.crypto.WrappedKey;
import io.opsgate.engine.support.FakeKms;
import io.opsgate.engine.support.MemoryStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encryption layer over a store in memory with a fake KMS: what is stored, what opens where, rotation and its
 * interruption, KEK re-wrapping, and a store of the previous version converted when it is opened.
 */
class TenantKeysTest {
    static final String INSTANCE = "web-marker-4711";
    static final String GROUP_KEY = Keys.group("page:{instance=\"" + INSTANCE + "\"}");

    final MemoryStore raw = new MemoryStore();
    final FakeKms kms = new FakeKms().add("kms-1");

    SealedStore open() throws IOException {
        return open(raw);
    }

    SealedStore open(TenantStore under) throws IOException {
        return new SealedStore("acme", under, TenantKeys.open("acme", under, kms, Clock.systemUTC()));
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Every key and value stored, as bytes read as text. */
    String everything() {
        StringBuilder b = new StringBuilder();
        raw.data.forEach((k, v) -> b.append(k).append('=').append(new String(v, StandardCharsets.ISO_8859_1)).append('\n'));
        return b.toString();
    }

    void write(TenantStore store, String... keysAndValues) {
        WriteSet w = new WriteSet();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            w.put(keysAndValues[i], json(keysAndValues[i + 1]));
        }
        store.commit(w).join();
    }

    Keyring ring() {
        return RecordCodec.decode(raw.data.get(TenantKeys.RING), Keyring.class);
    }

    @Test
    void everyValueIsSealedKeysNamingContentArePseudonymousAndEverythingReadsBack() throws Exception {
        SealedStore store = open();
        write(store, "alert/00000000000000aa", "{\"labels\":{\"instance\":\"" + INSTANCE + "\"}}",
                GROUP_KEY, "{\"key\":\"" + INSTANCE + "\"}", Keys.META_SEQUENCES, "{\"nextTicket\":2}");

        assertThat(everything()).doesNotContain(INSTANCE).contains("alert/00000000000000aa", TenantKeys.RING)
                .doesNotContain("page:{");
        raw.data.forEach((k, v) -> assertThat(k.startsWith(Keys.CRYPTO) || RecordSealer.isSealed(v)).as(k).isTrue());
        assertThat(raw.count(Keys.GROUP)).isEqualTo(1);
        assertThat(text(store.get("alert/00000000000000aa"))).contains(INSTANCE);
        assertThat(text(store.get(GROUP_KEY))).contains(INSTANCE);
        List<String> groups = new ArrayList<>();
        store.scan(Keys.GROUP, (k, v) -> groups.add(text(v)));
        assertThat(groups).containsExactly("{\"key\":\"" + INSTANCE + "\"}");

        SealedStore reopened = open();
        assertThat(text(reopened.get(GROUP_KEY))).contains(INSTANCE);
        assertThat(reopened.keys().current()).isEqualTo(store.keys().current());
        assertThat(reopened.keys().secret(TenantKeys.logMacPurpose())).isEqualTo(store.keys().secret(TenantKeys.logMacPurpose()));
        assertThat(TenantKeys.readSecret("acme", raw, kms, TenantKeys.logMacPurpose()))
                .isEqualTo(store.keys().secret(TenantKeys.logMacPurpose()));
    }

    @Test
    void aValueMovedToAnotherKeyAChangedValueAndAnotherTenantsCopyDoNotOpen() throws Exception {
        SealedStore store = open();
        write(store, "alert/a", "{\"n\":1}", "alert/b", "{\"n\":2}");
        raw.data.put("alert/b", raw.data.get("alert/a"));
        assertThatThrownBy(() -> store.get("alert/b")).hasMessageContaining("does not decrypt");
        byte[] changed = raw.data.get("alert/a").clone();
        changed[changed.length - 1] ^= 1;
        raw.data.put("alert/a", changed);
        assertThatThrownBy(() -> store.get("alert/a")).hasMessageContaining("does not decrypt");

        MemoryStore copy = new MemoryStore();
        copy.data.putAll(raw.data);
        assertThatThrownBy(() -> TenantKeys.open("globex", copy, kms, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("does not unwrap");
        FakeKms otherKms = new FakeKms().add("kms-1");
        assertThatThrownBy(() -> TenantKeys.open("acme", copy, otherKms, Clock.systemUTC()))
                .isInstanceOf(IOException.class).hasMessageContaining("does not unwrap");
    }

    @Test
    void rotationReEncryptsEveryRecordAndTheOldKeyGoesOnceNoLogLineNeedsIt() throws Exception {
        SealedStore store = open();
        write(store, "alert/a", "{\"n\":1}", "ticket/1", "{\"n\":2}", GROUP_KEY, "{\"n\":3}");
        DataKeyRecord first = store.keys().current();
        assertThat(first.rotated()).isFalse();

        TenantKeys.Rotation r = store.keys().rotate();
        assertThat(r.reencrypted()).isEqualTo(3);
        assertThat(r.key().id()).isNotEqualTo(first.id());
        assertThat(r.key().rotated()).isTrue();
        raw.data.forEach((k, v) -> {
            if (!k.startsWith(Keys.CRYPTO)) {
                assertThat(RecordSealer.keyNumber(v)).as(k).isEqualTo(2);
            }
        });
        assertThat(text(store.get(GROUP_KEY))).isEqualTo("{\"n\":3}");
        assertThat(store.keys().retiredKeys()).isEqualTo(1);
        assertThat(everything()).contains(first.wrapped());

        assertThat(store.keys().destroyRetired(Set.of(1))).as("access-log lines still need key 1").isZero();
        assertThat(store.keys().destroyRetired(Set.of())).isEqualTo(1);
        assertThat(store.keys().retiredKeys()).isZero();
        assertThat(everything()).doesNotContain(first.wrapped());
        assertThat(ring().keys).extracting(e -> e.number).containsExactly(2);
        assertThat(text(open().get("ticket/1"))).isEqualTo("{\"n\":2}");
    }

    @Test
    void aRotationInterruptedBeforeItsReEncryptionIsFinishedAtTheNextOpen() throws Exception {
        CrashingRewrites crashing = new CrashingRewrites(raw, false);
        SealedStore store = open(crashing);
        write(store, "alert/a", "{\"n\":1}", "alert/b", "{\"n\":2}");
        crashing.crash = true;
        assertThatThrownBy(() -> store.keys().rotate()).hasMessageContaining("the process died");
        assertThat(raw.data.values().stream().filter(RecordSealer::isSealed).mapToInt(RecordSealer::keyNumber))
                .as("the crash left the records under key 1").containsOnly(1);
        assertThat(ring().hasRetired()).isTrue();

        SealedStore reopened = open();
        raw.data.forEach((k, v) -> {
            if (!k.startsWith(Keys.CRYPTO)) {
                assertThat(RecordSealer.keyNumber(v)).isEqualTo(2);
            }
        });
        assertThat(text(reopened.get("alert/b"))).isEqualTo("{\"n\":2}");
    }

    @Test
    void aKekRotationRewrapsEveryKeyAndTheOldKekCanGo() throws Exception {
        SealedStore store = open();
        write(store, "alert/a", "{\"n\":1}");
        assertThat(store.keys().rewrap()).isFalse();
        kms.add("kms-2");
        assertThat(store.keys().rewrap()).isTrue();
        assertThat(store.keys().current().kekId()).isEqualTo("kms-2");
        assertThat(ring().stable.kekId).isEqualTo("kms-2");
        kms.remove("kms-1");
        assertThat(text(open().get("alert/a"))).isEqualTo("{\"n\":1}");
        assertThat(store.keys().rewrap()).isFalse();
    }

    @Test
    void aStoreOfThePreviousVersionIsEncryptedWhenOpenedAndKeepsItsDataKey() throws Exception {
        byte[] legacyKey = Aead.newKey();
        WrappedKey w = kms.wrap(legacyKey, "acme");
        DataKeyRecord legacy = new DataKeyRecord("legacy-id", w.kekId(), Base64.getEncoder().encodeToString(w.bytes()),
                1_700_000_000_000L, false);
        raw.data.put(TenantKeys.LEGACY, RecordCodec.encode(legacy));
        raw.data.put("alert/a", json("{\"labels\":{\"instance\":\"" + INSTANCE + "\"}}"));
        raw.data.put(GROUP_KEY, json("{\"key\":\"" + INSTANCE + "\"}"));
        byte[] credential = Aead.seal(legacyKey, json("{\"password\":\"pw\"}"), "acme/db/legacy-id");

        SealedStore store = open();
        assertThat(everything()).doesNotContain(INSTANCE).doesNotContain(TenantKeys.LEGACY).contains(TenantKeys.RING);
        assertThat(ring().sealed).isTrue();
        assertThat(store.keys().current().id()).isEqualTo("legacy-id");
        assertThat(store.keys().current().createdAt()).isEqualTo(1_700_000_000_000L);
        assertThat(text(store.get("alert/a"))).contains(INSTANCE);
        assertThat(text(store.get(GROUP_KEY))).contains(INSTANCE);
        assertThat(text(store.keys().openLegacy("legacy-id", credential, "acme/db/legacy-id"))).contains("pw");
    }

    @Test
    void anEncryptionInterruptedHalfWayIsFinishedAtTheNextOpen() throws Exception {
        raw.data.put("alert/a", json("{\"n\":1}"));
        raw.data.put(GROUP_KEY, json("{\"n\":2}"));
        assertThatThrownBy(() -> open(new CrashingRewrites(raw, true))).isInstanceOf(IOException.class);
        assertThat(ring().sealed).isFalse();
        assertThat(text(raw.data.get("alert/a"))).isEqualTo("{\"n\":1}");

        SealedStore store = open();
        assertThat(ring().sealed).isTrue();
        assertThat(everything()).doesNotContain("page:{");
        assertThat(text(store.get("alert/a"))).isEqualTo("{\"n\":1}");
        assertThat(text(store.get(GROUP_KEY))).isEqualTo("{\"n\":2}");
    }

    @Test
    void theKmsIsAskedOnlyToWrapAndUnwrapKeysNeverPerRecord() throws Exception {
        SealedStore store = open();
        int afterOpen = kms.calls;
        for (int i = 0; i < 100; i++) {
            write(store, "alert/" + i, "{\"n\":" + i + "}");
        }
        store.scan(Keys.ALERT, (k, v) -> { });
        assertThat(kms.calls).isEqualTo(afterOpen);
    }

    /** A store whose rewrites fail once {@link #crash} is set: what a crash as one starts leaves behind. */
    static final class CrashingRewrites implements TenantStore {
        private final TenantStore store;
        boolean crash;

        CrashingRewrites(TenantStore store, boolean crash) {
            this.store = store;
            this.crash = crash;
        }

        @Override
        public void scan(String prefix, BiConsumer<String, byte[]> visitor) {
            store.scan(prefix, visitor);
        }

        @Override
        public byte[] get(String key) {
            return store.get(key);
        }

        @Override
        public CompletableFuture<Void> commit(WriteSet writes) {
            return store.commit(writes);
        }

        @Override
        public CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter) {
            return crash ? CompletableFuture.failedFuture(new IllegalStateException("the process died"))
                    : store.rewrite(prefix, rewriter);
        }

        @Override
        public void close() {
        }
    }
}
