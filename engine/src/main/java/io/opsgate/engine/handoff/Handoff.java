package io.opsgate.engine.handoff;

import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.tickets.TicketNotes;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Ingest's side of notification delivery for every tenant: hands outbox entries to notify through a
 * {@link NotifyLink} and pulls back the delivery reports into delivery logs, dead letters and, through the
 * tickets' {@link TicketNotes} port, notes on tickets. Each tenant's part runs from its start to its stop.
 */
public final class Handoff implements DeliveryRecords {
    /** How often reports are pulled and an idle outbox is looked at again. */
    public static final long PULL_MILLIS = 200;

    private final NotifyLink link;
    private final Clock clock;
    private final Map<String, TenantHandoff> tenants = new ConcurrentHashMap<>();

    public Handoff(NotifyLink link, Clock clock) {
        this.link = link;
        this.clock = clock;
    }

    /**
     * Starts the handoff of a tenant that starts.
     *
     * @param ticketRetention the tenant's ticket retention in force, for clearing old dead letters
     * @return stops it (what was not handed over stays in the outbox for the next start)
     */
    public Runnable start(String tenant, TenantStore store, Outbox outbox, TicketNotes notes,
                          LongSupplier ticketRetention) {
        TenantHandoff h = new TenantHandoff(tenant, store, outbox, notes, ticketRetention, link, clock, PULL_MILLIS);
        tenants.put(tenant, h);
        return () -> {
            tenants.remove(tenant, h);
            h.close();
        };
    }

    /** Called by the store tap once outbox entries are durable. */
    public void committed(String tenant, List<OutboxTap.Entry> entries) {
        TenantHandoff h = tenants.get(tenant);
        if (h != null) {
            h.committed(entries);
        }
    }

    @Override
    public List<DeliveryReport> deliveries(String tenant, long ticketId) {
        TenantHandoff h = tenants.get(tenant);
        return h == null ? List.of() : h.ledger().deliveries(ticketId);
    }

    @Override
    public List<DeliveryReport> deadLetters(String tenant, long before, int limit) {
        TenantHandoff h = tenants.get(tenant);
        return h == null ? List.of() : h.ledger().deadLetters(before, limit);
    }
}
