package io.opsgate.engine.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The durable state of one tenant: a key-value store whose writes are grouped into atomic, synced
 * commits. One instance per tenant, so one tenant's data never shares a file with another's. The engine sees it
 * through {@link SealedStore}, which encrypts every value on the way in and out; an implementation (RocksDB,
 * PostgreSQL) stores bytes and never sees plaintext.
 */
public interface TenantStore extends AutoCloseable {

    /** Visits every record whose key starts with {@code prefix}, in key order. Used at start only. */
    void scan(String prefix, BiConsumer<String, byte[]> visitor);

    /** The value stored under {@code key}, or null. */
    byte[] get(String key);

    /**
     * Queues the writes for the next group commit. The future completes once they are durable
     * (synced to disk), or exceptionally when the commit failed.
     */
    CompletableFuture<Void> commit(WriteSet writes);

    /**
     * Rewrites the records under {@code prefix} in place, in order with the commits: everything committed before
     * is seen, nothing committed after is overwritten. The rewriter is called once per record with the value as
     * stored and adds what replaces it (puts, deletes) to the write set it is given; those are written in synced
     * batches. Used to encrypt a store of the previous version and to re-encrypt after a key rotation.
     *
     * @return completes with the number of records written once all are durable
     */
    CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter);

    /** Rewrites one record: adds its replacement (nothing, when it stays) to {@code out}. */
    @FunctionalInterface
    interface Rewriter {
        void rewrite(String key, byte[] value, WriteSet out);
    }

    /**
     * Rewrites the files so that overwritten and deleted values no longer exist on disk (memtable flushed,
     * obsolete write-ahead logs and table files dropped). Used after a data-key rotation, so the old
     * wrapped key and old ciphertexts are gone from the disk, not only from the key space.
     */
    default void compact() {
    }

    /** The keys this store's values are encrypted with; only an encrypting store has them. */
    default TenantKeys keys() {
        throw new UnsupportedOperationException("this store does not encrypt its values");
    }

    /** Commits what is queued, then releases the files. */
    @Override
    void close();
}
