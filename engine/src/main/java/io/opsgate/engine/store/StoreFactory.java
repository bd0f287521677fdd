package io.opsgate.engine.store;

import java.io.IOException;

/** Opens the store of a tenant. */
public interface StoreFactory {
    /** Opens (creating when absent) the store of {@code tenant}. */
    TenantStore open(String tenant) throws IOException;
}
