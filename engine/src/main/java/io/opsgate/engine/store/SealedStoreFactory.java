package io.opsgate.engine.store;

import io.opsgate.engine.security.crypto.KekSource;

import java.io.IOException;
import java.time.Clock;

/** Opens each tenant's store through the encryption layer, with the tenant's KEKs. */
public final class SealedStoreFactory implements StoreFactory {
    private final StoreFactory stores;
    private final KekSource keks;
    private final Clock clock;

    public SealedStoreFactory(StoreFactory stores, KekSource keks, Clock clock) {
        this.stores = stores;
        this.keks = keks;
        this.clock = clock;
    }

    @Override
    public TenantStore open(String tenant) throws IOException {
        TenantStore raw = stores.open(tenant);
        try {
            return new SealedStore(tenant, raw, TenantKeys.open(tenant, raw, keks.forTenant(tenant), clock));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
