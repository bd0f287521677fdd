package io.opsgate.engine.handoff;

import io.opsgate.engine.notify.DeliveryReport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How ingest reaches notify: over the internal HTTP API in a cluster ({@link HttpNotifyLink}), by a call in
 * standalone ({@link InProcessLink}). Ingest only ever calls notify, never the other way round, as the
 * NetworkPolicies allow.
 */
public interface NotifyLink {
    /**
     * Hands over outbox entries (their stored JSON, in sequence order) of one ingest store; the future
     * completes once notify has stored them durably.
     */
    CompletableFuture<Void> hand(String tenant, String origin, List<byte[]> entries);

    /**
     * Delivery reports after {@code after} (at most {@code limit}); asking also tells notify that those up
     * to {@code after} are stored by ingest.
     */
    CompletableFuture<List<DeliveryReport>> reports(String tenant, long after, int limit);

    /**
     * Replaces notify's copy of the tenant's credential vault with {@code credentials} (name → key → value): the
     * credentials a tenant stores through ingest's API are the ones notify delivers with. Completes once notify
     * stored them. Standalone shares one vault, so there is nothing to hand over.
     */
    CompletableFuture<Void> credentials(String tenant, Map<String, Map<String, String>> credentials);
}
