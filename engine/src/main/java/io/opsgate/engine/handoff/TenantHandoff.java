package io.opsgate.engine.handoff;

import io.opsgate.engine.notify.NotifyKeys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tickets.TicketNotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Ingest's side of delivery for one tenant: its outbox pump and report puller, on one thread. */
final class TenantHandoff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantHandoff.class);

    /** The stored origin. */
    static final class Origin {
        public String id;
    }

    private final ScheduledExecutorService thread;
    private final HandoffPump pump;
    private final ReportPuller puller;
    private final DeliveryLedger ledger = new DeliveryLedger();

    TenantHandoff(String tenant, TenantStore store, Outbox outbox, TicketNotes notes, LongSupplier ticketRetention,
                  NotifyLink link, Clock clock, long pullMillis) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "handoff-" + tenant);
            t.setDaemon(true);
            return t;
        });
        this.pump = new HandoffPump(tenant, store, outbox, link, origin(store), thread);
        this.puller = new ReportPuller(tenant, store, notes, ticketRetention, link, ledger, thread, clock);
        run(() -> {
            puller.load();
            pump.rescan();
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                pump.tick();
                puller.pull();
            } catch (RuntimeException e) {
                LOG.error("tenant {}: handoff failed", tenant, e);
            }
        }, pullMillis, pullMillis, TimeUnit.MILLISECONDS);
    }

    /** This store's identity towards notify, created on first use. */
    private static String origin(TenantStore store) {
        String[] found = {null};
        store.scan(NotifyKeys.ORIGIN, (k, v) -> found[0] = RecordCodec.decode(v, Origin.class).id);
        if (found[0] != null) {
            return found[0];
        }
        Origin o = new Origin();
        o.id = UUID.randomUUID().toString();
        WriteSet writes = new WriteSet();
        writes.put(NotifyKeys.ORIGIN, RecordCodec.encode(o));
        store.commit(writes).join();
        return o.id;
    }

    void committed(List<OutboxTap.Entry> entries) {
        run(() -> pump.committed(entries));
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopping: what was not handed over stays in the outbox for the next start.
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
