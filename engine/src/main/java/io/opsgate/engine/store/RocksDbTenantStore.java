package io.opsgate.engine.store;

import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A tenant's store in RocksDB with group commit: one committer thread takes everything queued,
 * writes it as one WriteBatch with sync=true (the WAL is fsynced), then completes every waiting
 * request. Many requests share one fsync, which is what lets durable ingest keep up.
 */
final class RocksDbTenantStore implements TenantStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbTenantStore.class);

    private record Pending(WriteSet writes, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final String tenant;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions syncWrite;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final CommitListener listener;
    private volatile boolean closed;
    /** Reads and compactions hold it shared, close exclusively: no native call reaches a closed database. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock open = new java.util.concurrent.locks.ReentrantReadWriteLock();

    RocksDbTenantStore(String tenant, Path dir, CommitListener listener) throws IOException {
        this.tenant = tenant;
        this.listener = listener;
        this.options = new Options()
                .setCreateIfMissing(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(3);
        try {
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            options.close();
            throw new IOException("cannot open the store of tenant " + tenant + " at " + dir + ": " + e.getMessage(), e);
        }
        this.syncWrite = new WriteOptions().setSync(true);
        this.committer = new Thread(this::commitLoop, "store-committer-" + tenant);
        this.committer.setDaemon(true);
        this.committer.start();
    }

    @Override
    public void scan(String prefix, BiConsumer<String, byte[]> visitor) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        open.readLock().lock();
        try (RocksIterator it = openDb().newIterator()) {
            for (it.seek(p); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, p)) {
                    break;
                }
                visitor.accept(new String(key, StandardCharsets.UTF_8), it.value());
            }
        } finally {
            open.readLock().unlock();
        }
    }

    @Override
    public CompletableFuture<Void> commit(WriteSet writes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the store of tenant " + tenant + " is closed"));
            return done;
        }
        if (writes.isEmpty()) {
            done.complete(null);
            return done;
        }
        queue.add(new Pending(writes, done));
        return done;
    }

    private void commitLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.take();
                group.add(first);
                queue.drainTo(group);
                boolean stop = group.remove(STOP);
                if (!group.isEmpty()) {
                    write(group);
                }
                group.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Pending> group) {
        long start = System.nanoTime();
        try (WriteBatch batch = new WriteBatch()) {
            for (Pending p : group) {
                for (WriteSet.Op op : p.writes().ops()) {
                    if (op.value() == null) {
                        batch.delete(op.key());
                    } else {
                        batch.put(op.key(), op.value());
                    }
                }
            }
            db.write(syncWrite, batch);
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("commit of {} write sets for tenant {} failed: {}", group.size(), tenant, e.getMessage());
            for (Pending p : group) {
                p.done().completeExceptionally(e);
            }
            return;
        }
        listener.committed(tenant, System.nanoTime() - start, group.size());
        for (Pending p : group) {
            p.done().complete(null);
        }
    }

    @Override
    public void compact() {
        open.readLock().lock();
        try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true);
             org.rocksdb.CompactRangeOptions range = new org.rocksdb.CompactRangeOptions()
                     .setBottommostLevelCompaction(org.rocksdb.CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            openDb().flush(flush);
            db.flushWal(true);
            db.compactRange(db.getDefaultColumnFamily(), null, null, range);
        } catch (RocksDBException e) {
            throw new IllegalStateException("compaction of the store of tenant " + tenant + " failed: " + e.getMessage(), e);
        } finally {
            open.readLock().unlock();
        }
    }

    private RocksDB openDb() {
        if (closed) {
            throw new IllegalStateException("the store of tenant " + tenant + " is closed");
        }
        return db;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.writeLock().lock();
        try {
            syncWrite.close();
            db.close();
            options.close();
        } finally {
            open.writeLock().unlock();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
