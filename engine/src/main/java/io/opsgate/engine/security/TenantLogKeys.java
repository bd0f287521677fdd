package io.opsgate.engine.security;

import io.opsgate.api.audit.ChainKey;
import io.opsgate.engine.security.audit.LogKeys;
import io.opsgate.engine.store.TenantKeys;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/** A running tenant's store keys as its access log uses them: the log's MAC key and the data key's sealing. */
final class TenantLogKeys implements LogKeys {
    private final TenantKeys keys;
    private final ChainKey chainKey;

    TenantLogKeys(TenantKeys keys) {
        this.keys = keys;
        byte[] secret = keys.secret(TenantKeys.logMacPurpose());
        this.chainKey = ChainKey.of(secret);
        Arrays.fill(secret, (byte) 0);
    }

    /** Whether these are the keys of that store (a restarted tenant brings new ones). */
    boolean of(TenantKeys other) {
        return keys == other;
    }

    @Override
    public ChainKey chainKey() {
        return chainKey;
    }

    @Override
    public byte[] seal(byte[] plain, byte[] associated) {
        return keys.seal(plain, associated);
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associated) throws GeneralSecurityException {
        return keys.open(sealed, associated);
    }

    @Override
    public int keyNumber(byte[] sealed) {
        return TenantKeys.keyNumber(sealed);
    }
}
