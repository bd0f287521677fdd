package io.opsgate.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes one step of the pipeline produced, applied atomically: everything an accepted alert
 * caused (the alert, its ticket, outbox entries, counters) lands in the store together or not at all.
 */
public final class WriteSet {
    /** One put (value non-null) or delete (value null). */
    public record Op(byte[] key, byte[] value) {
    }

    private final List<Op> ops;

    public WriteSet() {
        this.ops = new ArrayList<>();
    }

    /** An empty set with room for {@code expected} writes. */
    public WriteSet(int expected) {
        this.ops = new ArrayList<>(expected);
    }

    public void put(String key, byte[] value) {
        ops.add(new Op(key.getBytes(StandardCharsets.UTF_8), value));
    }

    public void put(byte[] key, byte[] value) {
        ops.add(new Op(key, value));
    }

    public void delete(String key) {
        ops.add(new Op(key.getBytes(StandardCharsets.UTF_8), null));
    }

    public void delete(byte[] key) {
        ops.add(new Op(key, null));
    }

    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    public int size() {
        return ops.size();
    }
}
