package io.opsgate.engine.handoff;

import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.notify.TenantFollower;
import io.opsgate.engine.notify.DeliveryReport;

import java.time.Clock;
import java.util.List;

/**
 * Ingest's side of notification delivery for every tenant: hands outbox entries to notify through a
 * {@link NotifyLink} and pulls back the delivery reports into tickets, delivery logs and dead letters.
 */
public final class Handoff implements DeliveryRecords, AutoCloseable {
    /** How often reports are pulled and an idle outbox is looked at again. */
    public static final long PULL_MILLIS = 200;

    private final NotifyLink link;
    private final Clock clock;
    private TenantFollower<TenantHandoff> tenants;

    public Handoff(NotifyLink link, Clock clock) {
        this.link = link;
        this.clock = clock;
    }

    /** Starts the handoff of each tenant of the registry and follows it. */
    public Handoff follow(TenantRegistry registry) {
        tenants = new TenantFollower<>("handoff", registry, rt -> new TenantHandoff(rt, link, clock, PULL_MILLIS)).start(500);
        return this;
    }

    /** Called by the store tap once outbox entries are durable. */
    public void committed(String tenant, List<OutboxTap.Entry> entries) {
        TenantHandoff h = tenants == null ? null : tenants.get(tenant);
        if (h != null) {
            h.committed(entries);
        }
    }

    @Override
    public List<DeliveryReport> deliveries(String tenant, long ticketId) {
        TenantHandoff h = tenants == null ? null : tenants.get(tenant);
        return h == null ? List.of() : h.ledger().deliveries(ticketId);
    }

    @Override
    public List<DeliveryReport> deadLetters(String tenant, long before, int limit) {
        TenantHandoff h = tenants == null ? null : tenants.get(tenant);
        return h == null ? List.of() : h.ledger().deadLetters(before, limit);
    }

    @Override
    public void close() {
        if (tenants != null) {
            tenants.close();
        }
    }
}
