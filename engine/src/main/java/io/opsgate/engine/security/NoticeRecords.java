package io.opsgate.engine.security;

import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tenant.TenantRuntime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's security notices a tenant received, kept as records ({@code notice/<20 digits>}, sealed like every
 * record) whether or not a notice channel was there to deliver them, for {@code GET /api/v1/notices}. Kept for the
 * tenant's {@code spec.retention.logs}: older ones are deleted when a notice is recorded or the list is read.
 */
public final class NoticeRecords {
    static final String PREFIX = Keys.NOTICE;

    /** One notice as stored and listed. */
    public static final class Notice {
        public long seq;
        /** Epoch ms when the engine received it. */
        public long time;
        public String kind;
        public String severity;
        public String title;
        public String body;
        /** The notice channel it was queued for, or null. */
        public String channel;
        public boolean queued;
        /** Why it was not queued, or null. */
        public String reason;
    }

    /** The tenant's notices as read from one store; a tenant started again has another store. */
    private static final class Held {
        final TenantStore store;
        final NavigableMap<Long, Notice> bySeq = new TreeMap<>();
        long next = 1;

        Held(TenantStore store) {
            this.store = store;
        }
    }

    private final Map<String, Held> byTenant = new ConcurrentHashMap<>();

    /** Records a notice; completes once it is durable. */
    CompletableFuture<Notice> record(TenantRuntime tenant, Notice notice, Duration retention) {
        Held h = held(tenant);
        WriteSet writes = new WriteSet();
        synchronized (h) {
            notice.seq = h.next++;
            h.bySeq.put(notice.seq, notice);
            prune(h, notice.time - retention.toMillis(), writes);
            writes.put(key(notice.seq), RecordCodec.encode(notice));
        }
        return h.store.commit(writes).thenApply(v -> notice);
    }

    /**
     * The tenant's notices newest first, below the sequence {@code before} (0: from the newest), at most
     * {@code limit}; those past {@code retention} at {@code now} are deleted first.
     */
    public List<Notice> page(TenantRuntime tenant, long before, int limit, long now, Duration retention) {
        Held h = held(tenant);
        WriteSet writes = new WriteSet();
        List<Notice> page = new ArrayList<>();
        synchronized (h) {
            prune(h, now - retention.toMillis(), writes);
            NavigableMap<Long, Notice> newer = before > 0 ? h.bySeq.headMap(before, false) : h.bySeq;
            for (Notice n : newer.descendingMap().values()) {
                if (page.size() >= limit) {
                    break;
                }
                page.add(n);
            }
        }
        if (!writes.isEmpty()) {
            h.store.commit(writes);
        }
        return page;
    }

    private static void prune(Held h, long oldest, WriteSet writes) {
        var it = h.bySeq.values().iterator();
        while (it.hasNext()) {
            Notice n = it.next();
            if (n.time >= oldest) {
                break;
            }
            it.remove();
            writes.delete(key(n.seq));
        }
    }

    private Held held(TenantRuntime tenant) {
        TenantStore store = tenant.store();
        return byTenant.compute(tenant.name(), (name, h) -> {
            if (h != null && h.store == store) {
                return h;
            }
            Held fresh = new Held(store);
            store.scan(PREFIX, (k, v) -> {
                Notice n = RecordCodec.decode(v, Notice.class);
                fresh.bySeq.put(n.seq, n);
                fresh.next = Math.max(fresh.next, n.seq + 1);
            });
            return fresh;
        });
    }

    private static String key(long seq) {
        return PREFIX + String.format("%020d", seq);
    }
}
