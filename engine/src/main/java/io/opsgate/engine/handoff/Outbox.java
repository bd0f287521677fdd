package io.opsgate.engine.handoff;

import io.opsgate.engine.alerting.GroupFlush;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.store.TenantState;
import io.opsgate.engine.tickets.TicketBook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable outbox of notification requests, the last stage of ingest. The pipeline appends, in the same
 * changes as the alert or timer that caused the request; the handoff hands {@code outbox/} to notify in key
 * order and deletes each entry once notify has stored it ({@link #acknowledged}).
 */
public final class Outbox {
    private final String tenant;
    private long nextSeq = 1;
    /** Written by the lane, lowered by the handoff's thread. */
    private final AtomicLong depth = new AtomicLong();

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

    /** Numbers and stamps the entry, and adds it to the step's changes. */
    public OutboxEntry append(OutboxEntry e, long now, TenantState.Changes changes) {
        e.seq = nextSeq++;
        e.tenant = tenant;
        e.createdAt = Instant.ofEpochMilli(now).toString();
        changes.outbox(e);
        depth.incrementAndGet();
        return e;
    }

    /**
     * Appends the notification a group flush decided on: one per flush, never one per alert, carrying the ticket
     * of the first of its alerts that has one.
     */
    public OutboxEntry notification(GroupFlush f, TicketBook tickets, long now, TenantState.Changes changes) {
        OutboxEntry e = new OutboxEntry();
        e.type = "notification";
        e.rule = f.group().rule().name;
        e.channels = new ArrayList<>(f.group().rule().notify.channels());
        e.groupKey = f.group().key();
        e.groupLabels = new TreeMap<>(f.group().groupLabels());
        e.status = f.firing().isEmpty() ? "resolved" : "firing";
        e.repeat = f.repeat();
        Ticket t = null;
        for (Alert a : f.firing()) {
            e.alerts.add(OutboxAlert.of(a, "firing"));
            if (t == null && a.ticketId != null) {
                t = tickets.get(a.ticketId);
            }
        }
        for (Alert a : f.resolved()) {
            e.alerts.add(OutboxAlert.of(a, "resolved"));
            if (t == null && a.ticketId != null) {
                t = tickets.get(a.ticketId);
            }
        }
        if (t != null) {
            e.ticketId = t.id;
            e.priority = t.priority;
            e.title = t.title;
        }
        return append(e, now, changes);
    }

    public long nextSeq() {
        return nextSeq;
    }

    /** Requests written and not yet handed to notify; read from any thread. */
    public long depth() {
        return depth.get();
    }

    /** Notify stored {@code n} more requests; their entries are being deleted. */
    public void acknowledged(int n) {
        depth.addAndGet(-n);
    }
}
