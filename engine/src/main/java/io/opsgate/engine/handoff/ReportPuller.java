package io.opsgate.engine.handoff;

import io.opsgate.engine.notify.DeliveryReport;
import io.opsgate.engine.notify.NotifyKeys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tickets.TicketNotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * Pulls delivery reports from notify (ingest calls notify, never the reverse) and records them in ingest:
 * a note on the ticket for each dead letter (through the tickets' {@link TicketNotes} port), then the delivery
 * log entries, the dead-letter list and the new cursor in one commit. Asking for the next page tells notify it may delete what came before. A crash
 * after the notes and before the commit pulls the same reports again; a note carries the report's id and
 * is not written twice. Runs on the tenant's handoff thread.
 */
final class ReportPuller {
    private static final Logger LOG = LoggerFactory.getLogger(ReportPuller.class);
    static final int PAGE = 500;
    /** The type and result of a call-out report in which a person pressed 1 (notify's CallAttempt). */
    static final String CALLOUT = "callout";
    static final String ACKNOWLEDGED = "acknowledged";
    /** How often delivery logs of deleted tickets and old dead letters are cleared. */
    static final long MAINTENANCE_MILLIS = 10 * 60_000L;

    /** The stored cursor. */
    static final class Cursor {
        public long report;
    }

    private final String tenant;
    private final TenantStore store;
    private final TicketNotes notes;
    private final LongSupplier ticketRetention;
    private final NotifyLink link;
    private final DeliveryLedger ledger;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private long cursor;
    private boolean busy;
    private boolean failing;
    private long nextMaintenance;

    ReportPuller(String tenant, TenantStore store, TicketNotes notes, LongSupplier ticketRetention, NotifyLink link,
                 DeliveryLedger ledger, ScheduledExecutorService thread, Clock clock) {
        this.tenant = tenant;
        this.store = store;
        this.notes = notes;
        this.ticketRetention = ticketRetention;
        this.link = link;
        this.ledger = ledger;
        this.thread = thread;
        this.clock = clock;
    }

    void load() {
        store.scan(NotifyKeys.CURSOR, (k, v) -> cursor = RecordCodec.decode(v, Cursor.class).report);
        ledger.load(store);
    }

    /** Pulls the next page unless one is being pulled. */
    void pull() {
        if (busy) {
            return;
        }
        busy = true;
        link.reports(tenant, cursor, PAGE).whenCompleteAsync((reports, failure) -> {
            if (failure != null) {
                busy = false;
                if (!failing) {
                    LOG.warn("tenant {}: delivery reports cannot be pulled from notify: {}", tenant, failure.getMessage());
                }
                failing = true;
                return;
            }
            failing = false;
            record(reports);
        }, thread);
    }

    private void record(List<DeliveryReport> reports) {
        if (reports.isEmpty()) {
            busy = false;
            maintain();
            return;
        }
        List<CompletableFuture<?>> notes = new ArrayList<>();
        for (DeliveryReport r : reports) {
            if (DeliveryReport.DEAD.equals(r.result) && r.ticketId != null) {
                notes.add(note(r));
            } else if (CALLOUT.equals(r.type) && ACKNOWLEDGED.equals(r.result) && r.ticketId != null && r.person != null) {
                // Pressing 1 in a call-out acknowledges the ticket as that person; pulled again after a crash, it
                // finds the ticket acknowledged and changes nothing.
                notes.add(this.notes.acknowledgedByCallOut(r.ticketId, r.person));
            }
        }
        CompletableFuture.allOf(notes.toArray(CompletableFuture[]::new)).whenCompleteAsync((v, failure) -> {
            if (failure != null) {
                LOG.error("tenant {}: a dead-letter note could not be stored: {}", tenant, failure.getMessage());
                busy = false;
                return;
            }
            WriteSet writes = new WriteSet();
            DeliveryLedger.write(reports, writes);
            long last = reports.get(reports.size() - 1).id;
            Cursor c = new Cursor();
            c.report = last;
            writes.put(NotifyKeys.CURSOR, RecordCodec.encode(c));
            store.commit(writes).whenCompleteAsync((done, e) -> {
                busy = false;
                if (e != null) {
                    LOG.error("tenant {}: delivery reports could not be stored: {}", tenant, e.getMessage());
                    return;
                }
                WriteSet trim = new WriteSet();
                ledger.apply(reports, trim);
                if (!trim.isEmpty()) {
                    store.commit(trim);
                }
                cursor = last;
                if (reports.size() >= PAGE) {
                    pull();
                }
            }, thread);
        }, thread);
    }

    /** Comments on the ticket, once per dead letter (the comment names the report). */
    private CompletableFuture<?> note(DeliveryReport r) {
        String marker = "[dead letter " + r.id + "]";
        String text = "Notification " + (r.title == null ? "" : "\"" + r.title + "\" ") + "(" + r.type
                + (r.level == null ? "" : " level " + r.level) + ", " + r.status + ") to channel " + r.channel
                + " was not delivered after " + r.attempt + (r.attempt == 1 ? " attempt" : " attempts")
                + " and went to the dead letters: " + r.error + " " + marker;
        return notes.noteOnce(r.ticketId, marker, text);
    }

    /** Clears logs of tickets retention deleted, and dead letters older than ticket retention. */
    private void maintain() {
        long now = clock.millis();
        if (now < nextMaintenance) {
            return;
        }
        nextMaintenance = now + MAINTENANCE_MILLIS;
        notes.missing(ledger.tickets()).whenCompleteAsync((gone, failure) -> {
            if (failure != null) {
                return;
            }
            WriteSet writes = new WriteSet();
            gone.forEach(id -> ledger.dropTicket(id, writes));
            long retention = ticketRetention.getAsLong();
            if (retention < now) {
                ledger.dropDeadLettersBefore(now - retention, writes);
            }
            if (!writes.isEmpty()) {
                store.commit(writes);
                LOG.info("tenant {}: delivery records of {} deleted tickets removed ({})", tenant, gone.size(),
                        Instant.ofEpochMilli(now));
            }
        }, thread);
    }
}
