package io.opsgate.engine.handoff;

import io.opsgate.engine.handoff.Outbox;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hands a tenant's outbox to notify in sequence order, one batch at a time, and deletes the entries once
 * notify acknowledged them as stored. While notify cannot be reached it retries with growing, jittered
 * pauses; nothing is dropped and the order is kept. A crash between the acknowledgement and the delete
 * only causes a repeat that notify recognises by sequence. Runs on the tenant's handoff thread.
 */
final class HandoffPump {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffPump.class);
    static final int MAX_BATCH = 200;
    static final int MAX_BATCH_BYTES = 4 << 20;
    static final long RESCAN_MILLIS = 2_000;

    private final String tenant;
    private final TenantStore store;
    private final Outbox outbox;
    private final NotifyLink link;
    private final String origin;
    private final ScheduledExecutorService thread;
    private final TreeMap<Long, byte[]> pending = new TreeMap<>();
    private long ackedUpTo;
    private boolean inFlight;
    private boolean waiting;
    private int failures;
    private long lastRescan;

    HandoffPump(String tenant, TenantStore store, Outbox outbox, NotifyLink link, String origin,
                ScheduledExecutorService thread) {
        this.tenant = tenant;
        this.store = store;
        this.outbox = outbox;
        this.link = link;
        this.origin = origin;
        this.thread = thread;
    }

    /** Entries just committed (from the store tap), on the handoff thread. */
    void committed(List<OutboxTap.Entry> entries) {
        for (OutboxTap.Entry e : entries) {
            if (e.seq() > ackedUpTo) {
                pending.putIfAbsent(e.seq(), e.json());
            }
        }
        send();
    }

    /**
     * Picks up what is in the store: at start, and now and then, since an entry committed while the
     * pump was starting may have been announced to nobody.
     */
    void rescan() {
        lastRescan = System.nanoTime();
        store.scan(Keys.OUTBOX, (k, v) -> {
            long seq = OutboxTap.seq(k);
            if (seq > ackedUpTo) {
                pending.putIfAbsent(seq, v);
            }
        });
        send();
    }

    /** Periodic: rescan when idle for a while. */
    void tick() {
        if (!inFlight && !waiting && System.nanoTime() - lastRescan > TimeUnit.MILLISECONDS.toNanos(RESCAN_MILLIS)) {
            rescan();
        }
    }

    int pending() {
        return pending.size();
    }

    private void send() {
        if (inFlight || waiting || pending.isEmpty()) {
            return;
        }
        List<byte[]> batch = new ArrayList<>();
        long last = 0;
        int bytes = 0;
        for (Map.Entry<Long, byte[]> e : pending.entrySet()) {
            if (!batch.isEmpty() && (batch.size() >= MAX_BATCH || bytes + e.getValue().length > MAX_BATCH_BYTES)) {
                break;
            }
            batch.add(e.getValue());
            bytes += e.getValue().length;
            last = e.getKey();
        }
        inFlight = true;
        long upTo = last;
        link.hand(tenant, origin, batch).whenCompleteAsync((v, failure) -> acknowledged(upTo, failure), thread);
    }

    private void acknowledged(long upTo, Throwable failure) {
        inFlight = false;
        if (failure != null) {
            failures++;
            long pause = Math.min(5_000, 100L << Math.min(failures, 6));
            pause = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
            if (failures == 1 || failures % 20 == 0) {
                LOG.warn("tenant {}: notify did not take {} notifications (try {}), retrying in {} ms: {}", tenant,
                        pending.size(), failures, pause, failure.getMessage());
            }
            waiting = true;
            thread.schedule(() -> {
                waiting = false;
                send();
            }, pause, TimeUnit.MILLISECONDS);
            return;
        }
        if (failures > 0) {
            LOG.info("tenant {}: notify takes notifications again after {} failed tries", tenant, failures);
        }
        failures = 0;
        var done = pending.headMap(upTo, true);
        WriteSet writes = new WriteSet();
        for (Long seq : done.keySet()) {
            writes.delete(Keys.outbox(seq));
        }
        int n = done.size();
        done.clear();
        ackedUpTo = Math.max(ackedUpTo, upTo);
        outbox.acknowledged(n);
        store.commit(writes).whenComplete((v, e) -> {
            if (e != null) {
                LOG.error("tenant {}: handed-over outbox entries could not be deleted: {}", tenant, e.getMessage());
            }
        });
        send();
    }
}
