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
        if (!tenant.matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")) {
            throw new IOException("tenant name \"" + tenant + "\" is not a DNS label");
        }
        Path dir = dataDir.resolve(tenant);
        Files.createDirectories(dir);
        return new RocksDbTenantStore(tenant, dir, listener);
    }
}
