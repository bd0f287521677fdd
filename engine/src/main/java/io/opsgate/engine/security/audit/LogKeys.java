package io.opsgate.engine.security.audit;

import io.opsgate.api.audit.ChainKey;

import java.security.GeneralSecurityException;

/**
 * What the access log needs of one tenant's keys: the key its chain is MACed with (derived for the tenant from key
 * material the tenant cannot read) and the sealing of each line's content under the tenant's data key, so a copy
 * of the log holds no readable entry once the purge destroyed the keys.
 */
public interface LogKeys {

    /** The chain's key. */
    ChainKey chainKey();

    /** Seals an entry's content, bound to {@code associated} (the line's number). */
    byte[] seal(byte[] plain, byte[] associated);

    /** Opens what {@link #seal} made; fails when it was changed, moved, or its data key is destroyed. */
    byte[] open(byte[] sealed, byte[] associated) throws GeneralSecurityException;

    /** The number of the data key that sealed a value, so retired keys stay while lines need them. */
    int keyNumber(byte[] sealed);
}
