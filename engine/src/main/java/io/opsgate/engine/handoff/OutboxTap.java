package io.opsgate.engine.handoff;

import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.StoreFactory;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * A tenant store that tells the handoff about every outbox entry once its commit is durable, so a
 * notification starts towards notify right after the alert that caused it is stored, and never before.
 */
public final class OutboxTap implements TenantStore {
    /** An outbox entry as stored: its sequence and JSON. */
    public record Entry(long seq, byte[] json) {
    }

    private static final byte[] PREFIX = Keys.OUTBOX.getBytes(StandardCharsets.UTF_8);

    private final String tenant;
    private final TenantStore delegate;
    private final BiConsumer<String, List<Entry>> committed;

    OutboxTap(String tenant, TenantStore delegate, BiConsumer<String, List<Entry>> committed) {
        this.tenant = tenant;
        this.delegate = delegate;
        this.committed = committed;
    }

    /** Wraps every store the factory opens. */
    public static StoreFactory wrap(StoreFactory stores, BiConsumer<String, List<Entry>> committed) {
        return tenant -> new OutboxTap(tenant, stores.open(tenant), committed);
    }

    @Override
    public void scan(String prefix, BiConsumer<String, byte[]> visitor) {
        delegate.scan(prefix, visitor);
    }

    @Override
    public byte[] get(String key) {
        return delegate.get(key);
    }

    @Override
    public CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter) {
        return delegate.rewrite(prefix, rewriter);
    }

    @Override
    public io.opsgate.engine.store.TenantKeys keys() {
        return delegate.keys();
    }

    @Override
    public CompletableFuture<Void> commit(WriteSet writes) {
        List<Entry> entries = null;
        for (WriteSet.Op op : writes.ops()) {
            if (op.value() != null && startsWithOutbox(op.key())) {
                if (entries == null) {
                    entries = new ArrayList<>(2);
                }
                entries.add(new Entry(seq(op.key()), op.value()));
            }
        }
        CompletableFuture<Void> done = delegate.commit(writes);
        if (entries != null) {
            List<Entry> found = entries;
            done.thenRun(() -> committed.accept(tenant, found));
        }
        return done;
    }

    private static boolean startsWithOutbox(byte[] key) {
        if (key.length <= PREFIX.length) {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (key[i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    static long seq(byte[] key) {
        return Long.parseLong(new String(key, PREFIX.length, key.length - PREFIX.length, StandardCharsets.US_ASCII));
    }

    static long seq(String key) {
        return Long.parseLong(key.substring(Keys.OUTBOX.length()));
    }

    @Override
    public void compact() {
        delegate.compact();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
