package io.opsgate.engine.store;

import io.opsgate.engine.security.crypto.RecordSealer;
import io.opsgate.engine.support.FakeKms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation on RocksDB while writers keep committing: the re-encryption runs in order with the commits, so no write
 * made during it is lost or left under the old key.
 */
class SealedRocksDbTest {
    @TempDir
    Path data;

    @Test
    void writesMadeDuringRotationsAreNeitherLostNorLeftUnderAnOldKey() throws Exception {
        FakeKms kms = new FakeKms().add("kms-1");
        SealedStoreFactory factory = new SealedStoreFactory(new RocksDbStoreFactory(data, (t, n, w) -> { }),
                io.opsgate.engine.security.crypto.KekSource.shared(kms), Clock.systemUTC());
        Map<String, String> last = new HashMap<>();
        try (TenantStore store = factory.open("acme")) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Map<String, String>>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    Map<String, String> mine = new HashMap<>();
                    List<CompletableFuture<Void>> pending = new ArrayList<>();
                    for (int i = 0; i < 3000; i++) {
                        String key = "alert/" + thread + "-" + (i % 40);
                        String value = "{\"writer\":" + thread + ",\"n\":" + i + "}";
                        WriteSet w = new WriteSet();
                        w.put(key, value.getBytes(StandardCharsets.UTF_8));
                        w.put(Keys.group("g:{instance=\"" + thread + "-" + (i % 7) + "\"}"), value.getBytes(StandardCharsets.UTF_8));
                        pending.add(store.commit(w));
                        mine.put(key, value);
                        mine.put(Keys.group("g:{instance=\"" + thread + "-" + (i % 7) + "\"}"), value);
                    }
                    pending.forEach(CompletableFuture::join);
                    return mine;
                }));
            }
            store.keys().rotate();
            store.keys().rotate();
            for (Future<Map<String, String>> w : writers) {
                last.putAll(w.get());
            }
            pool.shutdown();
            store.keys().rotate();
            assertThat(store.keys().destroyRetired(Set.of())).isEqualTo(3);
            for (Map.Entry<String, String> e : last.entrySet()) {
                assertThat(new String(store.get(e.getKey()), StandardCharsets.UTF_8)).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        try (TenantStore raw = new RocksDbStoreFactory(data, (t, n, w) -> { }).open("acme")) {
            raw.scan("", (k, v) -> {
                if (!k.startsWith(Keys.CRYPTO)) {
                    assertThat(RecordSealer.keyNumber(v)).as(k).isEqualTo(4);
                }
            });
        }
        try (TenantStore store = factory.open("acme")) {
            for (Map.Entry<String, String> e : last.entrySet()) {
                assertThat(new String(store.get(e.getKey()), StandardCharsets.UTF_8)).isEqualTo(e.getValue());
            }
        }
    }
}
