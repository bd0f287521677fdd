package io.opsgate.engine.store;

import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.GroupState;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.RuleHitsRecord;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The pipeline's records of one tenant as they are stored: every key and codec of alerts, tickets, silences,
 * outbox entries, alert-group states, sequences and rule match counts is here (the layout is in docs/architecture.md, "The
 * store"). The records are read once, at start ({@link #load}); each step of the pipeline collects what it
 * changed in one {@link Changes} and {@link #commit commits} it as one atomic, synced write.
 */
public final class TenantState {
    private final TenantStore store;
    private final LongSupplier nextTicket;
    private final LongSupplier nextOutbox;

    /**
     * @param nextTicket the next ticket id, stored with every change that opens a ticket
     * @param nextOutbox the next outbox sequence, stored with every change that appends to the outbox
     */
    public TenantState(TenantStore store, LongSupplier nextTicket, LongSupplier nextOutbox) {
        this.store = store;
        this.nextTicket = nextTicket;
        this.nextOutbox = nextOutbox;
    }

    /** The sequences that must never go back: {@code meta/sequences}. */
    public static final class Sequences {
        public long nextTicket;
        public long nextOutbox;
    }

    /**
     * What the store holds, read at start. A ticket's per-alert counts are stored with the alert (written on
     * every repeat anyway), so the tickets come back with the counts of their alerts.
     *
     * @param sequences the stored sequences, or null before the first was stored
     * @param ruleHits  the rules' match counts
     */
    public record Loaded(List<Alert> alerts, List<Silence> silences, List<Ticket> tickets, List<OutboxEntry> outbox,
                         List<GroupState> groups, Sequences sequences, List<RuleHitsRecord> ruleHits) {
    }

    /** Reads every record of the pipeline. */
    public Loaded load() {
        Map<String, Alert> alerts = new HashMap<>();
        store.scan(Keys.ALERT, (k, v) -> {
            Alert a = RecordCodec.decode(v, Alert.class);
            alerts.put(a.fingerprint, a);
        });
        List<Silence> silences = new ArrayList<>();
        store.scan(Keys.SILENCE, (k, v) -> silences.add(RecordCodec.decode(v, Silence.class)));
        List<Ticket> tickets = new ArrayList<>();
        store.scan(Keys.TICKET, (k, v) -> {
            Ticket t = RecordCodec.decode(v, Ticket.class);
            for (TicketAlert ta : t.alerts.values()) {
                Alert a = alerts.get(ta.fingerprint);
                if (a != null) {
                    ta.count = a.count;
                    ta.lastSeen = a.lastSeen;
                }
            }
            tickets.add(t);
        });
        List<OutboxEntry> outbox = new ArrayList<>();
        store.scan(Keys.OUTBOX, (k, v) -> outbox.add(RecordCodec.decode(v, OutboxEntry.class)));
        List<GroupState> groups = new ArrayList<>();
        store.scan(Keys.GROUP, (k, v) -> groups.add(RecordCodec.decode(v, GroupState.class)));
        Sequences[] sequences = {null};
        store.scan(Keys.META_SEQUENCES, (k, v) -> sequences[0] = RecordCodec.decode(v, Sequences.class));
        List<RuleHitsRecord> ruleHits = new ArrayList<>();
        store.scan(Keys.RULE_HITS, (k, v) -> ruleHits.add(RecordCodec.decode(v, RuleHitsRecord.class)));
        return new Loaded(new ArrayList<>(alerts.values()), silences, tickets, outbox, groups, sequences[0], ruleHits);
    }

    /** An empty set of changes for one step. */
    public Changes changes() {
        return new Changes();
    }

    /**
     * Writes the changes as one atomic, synced commit, with the sequences when the step advanced them.
     *
     * @return completes once everything is durable
     */
    public CompletableFuture<Void> commit(Changes changes) {
        if (changes.sequencesAdvanced) {
            Sequences s = new Sequences();
            s.nextTicket = nextTicket.getAsLong();
            s.nextOutbox = nextOutbox.getAsLong();
            changes.writes.put(Keys.META_SEQUENCES, RecordCodec.encode(s));
            changes.sequencesAdvanced = false;
        }
        return store.commit(changes.writes);
    }

    /** A deep copy, for readers off the lane: what the lane owns is never handed out. */
    public static Silence copy(Silence s) {
        return RecordCodec.decode(RecordCodec.encode(s), Silence.class);
    }

    /** A deep copy, for readers off the lane. */
    public static Ticket copy(Ticket t) {
        return RecordCodec.decode(RecordCodec.encode(t), Ticket.class);
    }

    /** What one step of the pipeline changed: the records to write and delete, all committed together. */
    public static final class Changes {
        private final WriteSet writes = new WriteSet();
        private boolean sequencesAdvanced;

        private Changes() {
        }

        public void alert(Alert a) {
            writes.put(Keys.alert(a.fingerprint), RecordCodec.encode(a));
        }

        public void alertDeleted(String fingerprint) {
            writes.delete(Keys.alert(fingerprint));
        }

        public void ticket(Ticket t) {
            writes.put(Keys.ticket(t.id), RecordCodec.encode(t));
        }

        /** A new ticket took the next id: the sequences are stored with this step. */
        public void ticketNumbered() {
            sequencesAdvanced = true;
        }

        public void ticketDeleted(long id) {
            writes.delete(Keys.ticket(id));
        }

        public void silence(Silence s) {
            writes.put(Keys.silence(s.id), RecordCodec.encode(s));
        }

        public void silenceDeleted(String id) {
            writes.delete(Keys.silence(id));
        }

        /** A notification request, numbered from the outbox sequence. */
        public void outbox(OutboxEntry e) {
            writes.put(Keys.outbox(e.seq), RecordCodec.encode(e));
            sequencesAdvanced = true;
        }

        public void group(GroupState g) {
            writes.put(Keys.group(g.key), RecordCodec.encode(g));
        }

        public void groupDeleted(String key) {
            writes.delete(Keys.group(key));
        }

        public void ruleHits(RuleHitsRecord r) {
            writes.put(Keys.ruleHits(r.rule), RecordCodec.encode(r));
        }

        public void ruleHitsDeleted(String rule) {
            writes.delete(Keys.ruleHits(rule));
        }

        /**
         * The write set, for a component that stores its own records with the step that caused them (an OpsJob
         * trigger's guardrail bookkeeping is committed with the alert that triggered it).
         */
        public WriteSet writes() {
            return writes;
        }
    }
}
