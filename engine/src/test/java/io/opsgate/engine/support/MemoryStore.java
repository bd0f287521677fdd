package io.opsgate.engine.support;

import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/** A store in memory for pipeline tests: same contract, no disk. */
public final class MemoryStore implements TenantStore {
    public final ConcurrentSkipListMap<String, byte[]> data = new ConcurrentSkipListMap<>();
    public int commits;

    @Override
    public void scan(String prefix, BiConsumer<String, byte[]> visitor) {
        for (Map.Entry<String, byte[]> e : data.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            visitor.accept(e.getKey(), e.getValue());
        }
    }

    @Override
    public byte[] get(String key) {
        return data.get(key);
    }

    /** Runs at once over what is stored now, like the committer would between two commits. */
    @Override
    public synchronized CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter) {
        WriteSet out = new WriteSet();
        for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(data.tailMap(prefix)).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            rewriter.rewrite(e.getKey(), e.getValue(), out);
        }
        if (!out.isEmpty()) {
            commit(out);
        }
        return CompletableFuture.completedFuture(out.ops().stream().filter(op -> op.value() != null).count());
    }

    @Override
    public synchronized CompletableFuture<Void> commit(WriteSet writes) {
        commits++;
        for (WriteSet.Op op : writes.ops()) {
            String key = new String(op.key(), StandardCharsets.UTF_8);
            if (op.value() == null) {
                data.remove(key);
            } else {
                data.put(key, op.value());
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** How many keys start with the prefix. */
    public long count(String prefix) {
        return data.keySet().stream().filter(k -> k.startsWith(prefix)).count();
    }

    @Override
    public void close() {
    }
}
