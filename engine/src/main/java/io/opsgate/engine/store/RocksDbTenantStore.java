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
 * request. Many requests share one fsync, which is what lets durable ingest keep up. Rewrites run on the same
 * thread, between the commits queued before and after them. Opened read-only, it serves scans and reads to a
 * tool while the engine runs (no lock taken, nothing written).
 */
final class RocksDbTenantStore implements TenantStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbTenantStore.class);
    /** Records per synced batch of a rewrite. */
    static final int REWRITE_BATCH = 1000;

    /** A commit (writes) or a rewrite, in queue order. */
    private record Pending(WriteSet writes, RewriteTask rewrite, CompletableFuture<Void> done) {
    }

    private record RewriteTask(String prefix, Rewriter rewriter, CompletableFuture<Long> done) {
    }

    private static final Pending STOP = new Pending(null, null, null);

    private final String tenant;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions syncWrite;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final CommitListener listener;
    /** No more commits are taken. */
    private volatile boolean closed;
    /** The database is closed (guarded by the write lock of {@link #open}). */
    private boolean released;
    /** Reads and compactions hold it shared, close exclusively: no native call reaches a closed database. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock open = new java.util.concurrent.locks.ReentrantReadWriteLock();

    RocksDbTenantStore(String tenant, Path dir, CommitListener listener, boolean readOnly) throws IOException {
        this.tenant = tenant;
        this.listener = listener;
        this.options = new Options()
                .setCreateIfMissing(!readOnly)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(3);
        try {
            this.db = readOnly ? RocksDB.openReadOnly(options, dir.toString()) : RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            options.close();
            throw new IOException("cannot open the store of tenant " + tenant + " at " + dir + ": " + e.getMessage(), e);
        }
        this.syncWrite = new WriteOptions().setSync(true);
        this.committer = new Thread(this::commitLoop, "store-committer-" + tenant);
        this.committer.setDaemon(true);
        if (readOnly) {
            closed = true;
        } else {
            this.committer.start();
        }
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
    public byte[] get(String key) {
        open.readLock().lock();
        try {
            return openDb().get(key.getBytes(StandardCharsets.UTF_8));
        } catch (RocksDBException e) {
            throw new IllegalStateException("reading " + key + " of tenant " + tenant + " failed: " + e.getMessage(), e);
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
        queue.add(new Pending(writes, null, done));
        return done;
    }

    @Override
    public CompletableFuture<Long> rewrite(String prefix, Rewriter rewriter) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the store of tenant " + tenant + " is closed"));
            return done;
        }
        queue.add(new Pending(null, new RewriteTask(prefix, rewriter, done), null));
        return done;
    }

    private void commitLoop() {
        List<Pending> taken = new ArrayList<>();
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                taken.add(queue.take());
                queue.drainTo(taken);
                boolean stop = false;
                for (Pending p : taken) {
                    if (p == STOP) {
                        stop = true;
                    } else if (p.rewrite() != null) {
                        writeGroup(group);
                        rewrite(p.rewrite());
                    } else {
                        group.add(p);
                    }
                }
                writeGroup(group);
                taken.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeGroup(List<Pending> group) {
        if (!group.isEmpty()) {
            write(group);
            group.clear();
        }
    }

    /** Runs on the committer: nothing else writes meanwhile, and the iterator's snapshot never sees its own writes. */
    private void rewrite(RewriteTask task) {
        byte[] p = task.prefix().getBytes(StandardCharsets.UTF_8);
        long written = 0;
        try (RocksIterator it = db.newIterator()) {
            WriteSet out = new WriteSet();
            int seen = 0;
            for (it.seek(p); it.isValid() && startsWith(it.key(), p); it.next()) {
                task.rewriter().rewrite(new String(it.key(), StandardCharsets.UTF_8), it.value(), out);
                if (++seen >= REWRITE_BATCH) {
                    written += writeNow(out);
                    out = new WriteSet();
                    seen = 0;
                }
            }
            written += writeNow(out);
            task.done().complete(written);
        } catch (RocksDBException | RuntimeException e) {
            LOG.error("rewrite of {} in the store of tenant {} failed: {}", task.prefix(), tenant, e.getMessage());
            task.done().completeExceptionally(e);
        }
    }

    private long writeNow(WriteSet out) throws RocksDBException {
        if (out.isEmpty()) {
            return 0;
        }
        long puts = 0;
        try (WriteBatch batch = new WriteBatch()) {
            for (WriteSet.Op op : out.ops()) {
                if (op.value() == null) {
                    batch.delete(op.key());
                } else {
                    batch.put(op.key(), op.value());
                    puts++;
                }
            }
            db.write(syncWrite, batch);
        }
        return puts;
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
        if (released) {
            throw new IllegalStateException("the store of tenant " + tenant + " is closed");
        }
        return db;
    }

    @Override
    public void close() {
        if (committer.isAlive() && !closed) {
            closed = true;
            queue.add(STOP);
            try {
                committer.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        open.writeLock().lock();
        try {
            if (released) {
                return;
            }
            released = true;
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
