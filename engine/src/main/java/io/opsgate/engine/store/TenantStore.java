package io.opsgate.engine.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The durable state of one tenant: a key-value store whose writes are grouped into atomic, synced
 * commits. One instance per tenant, so one tenant's data never shares a file with another's.
 */
public interface TenantStore extends AutoCloseable {

    /** Visits every record whose key starts with {@code prefix}, in key order. Used at start only. */
    void scan(String prefix, BiConsumer<String, byte[]> visitor);

    /**
     * Queues the writes for the next group commit. The future completes once they are durable
     * (synced to disk), or exceptionally when the commit failed.
     */
    CompletableFuture<Void> commit(WriteSet writes);

    /**
     * Rewrites the files so that overwritten and deleted values no longer exist on disk (memtable flushed,
     * obsolete write-ahead logs and table files dropped). Used after a data-key rotation, so the old
     * wrapped key and old ciphertexts are gone from the disk, not only from the key space.
     */
    default void compact() {
    }

    /** Commits what is queued, then releases the files. */
    @Override
    void close();
}
