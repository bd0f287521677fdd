package io.opsgate.engine.handoff;

import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.WriteSet;

import java.time.Instant;

/**
 * The durable outbox of notification requests. The pipeline appends, in the same write set as the
 * alert or timer that caused the request; the handoff hands {@code outbox/} to notify in key order and
 * deletes each entry once notify has stored it ({@link #acknowledged}).
 */
public final class Outbox {
    private final String tenant;
    private long nextSeq = 1;
    /** Written by the lane, lowered by the handoff's thread. */
    private final java.util.concurrent.atomic.AtomicLong depth = new java.util.concurrent.atomic.AtomicLong();

    public Outbox(String tenant) {
        this.tenant = tenant;
    }

    /** Takes note of a stored entry at start. */
    public void restore(OutboxEntry e) {
        nextSeq = Math.max(nextSeq, e.seq + 1);
        depth.incrementAndGet();
    }

    /** Restores the sequence from the stored counter, so numbers are never reused after delivery. */
    public void restoreSequence(long next) {
        nextSeq = Math.max(nextSeq, next);
    }

    /** Numbers and stamps the entry, and adds it to the write set. */
    public OutboxEntry append(OutboxEntry e, long now, WriteSet writes) {
        e.seq = nextSeq++;
        e.tenant = tenant;
        e.createdAt = Instant.ofEpochMilli(now).toString();
        writes.put(Keys.outbox(e.seq), RecordCodec.encode(e));
        depth.incrementAndGet();
        return e;
    }

    public long nextSeq() {
        return nextSeq;
    }

    /** Requests written and not yet handed to notify. */
    public long depth() {
        return depth.get();
    }

    /** Notify stored {@code n} more requests; their entries are being deleted. */
    public void acknowledged(int n) {
        depth.addAndGet(-n);
    }
}
