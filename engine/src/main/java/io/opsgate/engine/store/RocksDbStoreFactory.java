package io.opsgate.engine.store;

import org.rocksdb.RocksDB;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens one RocksDB instance per tenant under {@code <data>/<tenant>/}. */
public final class RocksDbStoreFactory implements StoreFactory {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dataDir;
    private final CommitListener listener;

    public RocksDbStoreFactory(Path dataDir, CommitListener listener) {
        this.dataDir = dataDir;
        this.listener = listener;
    }

    @Override
    public TenantStore open(String tenant) throws IOException {
        Path dir = dir(tenant);
        Files.createDirectories(dir);
        return new RocksDbTenantStore(tenant, dir, listener, false);
    }

    /**
     * The store of {@code tenant} for reading only, beside an engine that has it open (no lock is taken): scans and
     * reads see what was written when it opened; commits are refused.
     */
    public TenantStore openReadOnly(String tenant) throws IOException {
        Path dir = dir(tenant);
        if (!Files.isDirectory(dir)) {
            throw new IOException("no store of tenant " + tenant + " at " + dir);
        }
        return new RocksDbTenantStore(tenant, dir, listener, true);
    }

    private Path dir(String tenant) throws IOException {
        if (!tenant.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
            throw new IOException("tenant name \"" + tenant + "\" is not a DNS label");
        }
        return dataDir.resolve(tenant);
    }
}
