package io.opsgate.engine.handoff;

import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.NotifyKeys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ingest's record of delivery, pulled from notify: each ticket's delivery log and the dead letters, stored
 * under {@code notify/log/} and {@code notify/deadletter/} and held in memory for the API. Written by the
 * tenant's handoff thread, read by HTTP handlers.
 */
final class DeliveryLedger {
    /** Newest attempts kept per ticket: a ticket that repeats for months keeps its latest history. */
    static final int MAX_PER_TICKET = 500;

    private final ConcurrentHashMap<Long, CopyOnWriteArrayList<DeliveryReport>> byTicket = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, DeliveryReport> deadLetters = new ConcurrentSkipListMap<>();

    void load(TenantStore store) {
        store.scan(NotifyKeys.LOG, (k, v) -> {
            DeliveryReport r = RecordCodec.decode(v, DeliveryReport.class);
            byTicket.computeIfAbsent(r.ticketId, t -> new CopyOnWriteArrayList<>()).add(r);
        });
        store.scan(NotifyKeys.DEAD_LETTER, (k, v) -> {
            DeliveryReport r = RecordCodec.decode(v, DeliveryReport.class);
            deadLetters.put(r.id, r);
        });
    }

    /** Adds the writes of pulled reports to {@code writes}; {@link #apply} them once those are durable. */
    static void write(List<DeliveryReport> reports, WriteSet writes) {
        for (DeliveryReport r : reports) {
            if (r.ticketId != null) {
                writes.put(NotifyKeys.log(r.ticketId, r.id), RecordCodec.encode(r));
            }
            if (DeliveryReport.DEAD.equals(r.result)) {
                writes.put(NotifyKeys.deadLetter(r.id), RecordCodec.encode(r));
            }
        }
    }

    /** Shows stored reports; trims a ticket's log beyond {@link #MAX_PER_TICKET} (adding the deletes to {@code trim}). */
    void apply(List<DeliveryReport> reports, WriteSet trim) {
        for (DeliveryReport r : reports) {
            if (r.ticketId != null) {
                CopyOnWriteArrayList<DeliveryReport> log = byTicket.computeIfAbsent(r.ticketId, t -> new CopyOnWriteArrayList<>());
                if (log.stream().noneMatch(x -> x.id == r.id)) {
                    log.add(r);
                }
                while (log.size() > MAX_PER_TICKET) {
                    DeliveryReport old = log.remove(0);
                    trim.delete(NotifyKeys.log(old.ticketId, old.id));
                }
            }
            if (DeliveryReport.DEAD.equals(r.result)) {
                deadLetters.put(r.id, r);
            }
        }
    }

    List<DeliveryReport> deliveries(long ticketId) {
        List<DeliveryReport> log = byTicket.get(ticketId);
        return log == null ? List.of() : List.copyOf(log);
    }

    List<DeliveryReport> deadLetters(long before, int limit) {
        Map<Long, DeliveryReport> view = before > 0 ? deadLetters.headMap(before, false) : deadLetters;
        List<DeliveryReport> result = new ArrayList<>();
        for (DeliveryReport r : ((java.util.NavigableMap<Long, DeliveryReport>) view).descendingMap().values()) {
            if (result.size() >= limit) {
                break;
            }
            result.add(r);
        }
        return result;
    }

    /** Tickets that have a log. */
    List<Long> tickets() {
        return new ArrayList<>(byTicket.keySet());
    }

    /** Forgets the log of a ticket retention deleted. */
    void dropTicket(long ticketId, WriteSet writes) {
        List<DeliveryReport> log = byTicket.remove(ticketId);
        if (log != null) {
            for (DeliveryReport r : log) {
                writes.delete(NotifyKeys.log(ticketId, r.id));
            }
        }
    }

    /** Forgets dead letters older than {@code cutoff} epoch milliseconds. */
    void dropDeadLettersBefore(long cutoff, WriteSet writes) {
        deadLetters.values().removeIf(r -> {
            if (r.at < cutoff) {
                writes.delete(NotifyKeys.deadLetter(r.id));
                return true;
            }
            return false;
        });
    }
}
