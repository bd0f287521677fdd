package io.opsgate.engine.security.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a tenant's keys ({@code crypto/keyring}, the one record of a store that is not sealed: it holds
 * only ids, numbers, times and keys wrapped by a KEK, no tenant content). The current data key seals; retired ones
 * stay, wrapped, only while something still needs them (records not yet re-encrypted after a rotation, access-log
 * lines sealed before it); the stable secret never rotates and gives the tenant's log MAC key and record-key
 * pseudonyms. Plain data for the store's codec.
 */
public final class Keyring {
    /** The number of the data key that seals. */
    public int current;
    /** Every data key kept, current and retired. */
    public List<Entry> keys = new ArrayList<>();
    /** The tenant's stable secret, wrapped. */
    public Wrapped stable;
    /** Whether every value of the store is sealed (false while a store of the previous version is converted). */
    public boolean sealed;

    /** One data key. */
    public static final class Entry {
        /** Named in every value it sealed; never reused within the store. */
        public int number;
        /** Random id, shown as evidence. */
        public String id;
        public String kekId;
        /** Base64 of the key wrapped by KEK {@link #kekId}. */
        public String wrapped;
        /** Epoch ms when it was made. */
        public long createdAt;
        /** Whether it replaced an earlier key (false for the tenant's first key). */
        public boolean rotated;
        /** Whether a later key replaced it. */
        public boolean retired;
    }

    /** A secret wrapped by a KEK. */
    public static final class Wrapped {
        public String kekId;
        public String wrapped;
    }

    /** The entry of data key {@code number}, or null. */
    public Entry key(int number) {
        for (Entry e : keys) {
            if (e.number == number) {
                return e;
            }
        }
        return null;
    }

    /** Whether some data key is retired but still kept. */
    public boolean hasRetired() {
        return keys.stream().anyMatch(e -> e.retired);
    }
}
