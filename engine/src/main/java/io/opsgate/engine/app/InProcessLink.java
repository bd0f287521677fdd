package io.opsgate.engine.app;

import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.handoff.NotifyLink;
import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.delivery.NotifyService;
import io.opsgate.engine.store.RecordCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Standalone: ingest and notify in one process; the same components, joined by a call instead of HTTP. */
final class InProcessLink implements NotifyLink {
    private final NotifyService notify;

    InProcessLink(NotifyService notify) {
        this.notify = notify;
    }

    @Override
    public CompletableFuture<Void> hand(String tenant, String origin, List<byte[]> entries) {
        List<OutboxEntry> decoded = new ArrayList<>(entries.size());
        for (byte[] e : entries) {
            decoded.add(RecordCodec.decode(e, OutboxEntry.class));
        }
        return notify.accept(tenant, origin, decoded);
    }

    @Override
    public CompletableFuture<List<DeliveryReport>> reports(String tenant, long after, int limit) {
        return notify.reports(tenant, after, limit);
    }

    /** One process, one vault: notify reads the very credentials ingest stored. */
    @Override
    public CompletableFuture<Void> credentials(String tenant, Map<String, Map<String, String>> credentials) {
        return CompletableFuture.completedFuture(null);
    }
}
