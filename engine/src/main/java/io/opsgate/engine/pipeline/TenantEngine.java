package io.opsgate.engine.pipeline;

import io.opsgate.engine.alerting.AggregationGroup;
import io.opsgate.engine.alerting.AlertQueries;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.GroupFlush;
import io.opsgate.engine.alerting.Grouper;
import io.opsgate.engine.alerting.HeldAlerts;
import io.opsgate.engine.alerting.RuleHits;
import io.opsgate.engine.alerting.RuleIndex;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.alerting.RuleStats;
import io.opsgate.engine.alerting.SilenceOperations;
import io.opsgate.engine.alerting.Suppression;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.RuleHitsRecord;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.handoff.Outbox;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.store.TenantState;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.tickets.Escalations;
import io.opsgate.engine.tickets.Flapping;
import io.opsgate.engine.tickets.Retention;
import io.opsgate.engine.tickets.TicketBook;
import io.opsgate.engine.tickets.TicketOperations;
import io.opsgate.engine.tickets.TicketRequest;
import io.opsgate.engine.tickets.TicketStep;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The pipeline of one tenant: the one place that orders its steps, each of which lives with the concept it
 * belongs to. For each alert: take it in (deduplicate by fingerprint, {@link HeldAlerts}), decide silences
 * and inhibition ({@link Suppression}), evaluate the rules in order, then apply what matched: drop, the ticket
 * action ({@link TicketStep}), grouping for notification ({@link Grouper}), OpsJob triggers; the rules' match
 * counts and what rules in shadow would have done are counted on the way ({@link RuleHits}). Timers run in
 * {@link #tick}: ends of alerts, flapping, group flushes into the {@link Outbox}, escalation, retention, storing
 * the match counts. Every change a step causes goes into one {@link TenantState.Changes}, so the store has all of
 * it or none.
 *
 * <p>Not thread-safe: only the tenant's {@link Lane} calls it.
 */
public final class TenantEngine {
    private final Clock clock;
    private final EngineMetrics.TenantMeters meters;
    private final TenantState state;
    private final HeldAlerts alerts = new HeldAlerts();
    private final Suppression suppression = new Suppression(alerts::get);
    private final Grouper grouper = new Grouper();
    private final TicketBook tickets;
    private final Flapping flapping;
    private final Escalations escalations;
    private final TicketStep ticketStep;
    private final Retention retention;
    private final Outbox outbox;
    private final SilenceOperations silenceOperations;
    private final TicketOperations ticketOperations;
    private final AlertQueries alertQueries;
    /** Groups whose timer came due while a batch was processed; flushed at its end. */
    private final Set<AggregationGroup> dueNow = new LinkedHashSet<>();
    private final RuleIndex.Candidates scratch = new RuleIndex.Candidates();
    private volatile RuleMatchListener ruleMatches = RuleMatchListener.NONE;
    /** How often changed match counts are stored: often enough to lose little at a crash, rarely enough to cost nothing. */
    static final long HITS_STORE_MILLIS = 10_000;
    private RuleHits hits = RuleHits.empty();
    /** The counts read at start, until the first configuration takes them up; null after. */
    private List<RuleHitsRecord> storedHits = List.of();
    /** Rules whose stored counts can go: no longer configured. */
    private final Set<String> hitsGone = new TreeSet<>();
    private long hitsStoredAt;

    public TenantEngine(String tenant, TenantStore store, Clock clock, EngineMetrics.TenantMeters meters) {
        this.clock = clock;
        this.meters = meters;
        this.tickets = new TicketBook(tenant);
        this.outbox = new Outbox(tenant);
        this.state = new TenantState(store, tickets::nextId, outbox::nextSeq);
        this.flapping = new Flapping(tickets, meters);
        this.escalations = new Escalations(tickets);
        this.ticketStep = new TicketStep(tickets, flapping, escalations, meters);
        this.retention = new Retention(alerts, suppression, grouper, tickets);
        this.silenceOperations = new SilenceOperations(suppression.silences(), state, clock);
        this.ticketOperations = new TicketOperations(tickets, alerts, state, clock, meters);
        this.alertQueries = new AlertQueries(alerts, suppression, grouper, clock);
    }

    /** The silences API; on the lane. */
    public SilenceOperations silences() {
        return silenceOperations;
    }

    /** The tickets API; on the lane. */
    public TicketOperations tickets() {
        return ticketOperations;
    }

    /** The alerts API's reads; on the lane. */
    public AlertQueries alerts() {
        return alertQueries;
    }

    /** The outbox, for the handoff to tell it what notify has stored (its depth is read from any thread). */
    public Outbox outbox() {
        return outbox;
    }

    /** How many tickets are open or acknowledged; read from any thread. */
    public int activeTickets() {
        return tickets.activeCount();
    }

    /** Sets who is told of rule matches (OpsJob triggers). */
    public void onRuleMatch(RuleMatchListener listener) {
        this.ruleMatches = listener;
    }

    /** Sets who is told of the changes the engine makes by itself (retention deletes), as (action, detail). */
    public void onEngineAction(BiConsumer<String, String> listener) {
        retention.onDeleted(listener);
    }

    /** Rebuilds the in-memory state from the store. Call once, before anything else. */
    public void load() {
        long now = clock.millis();
        TenantState.Loaded stored = state.load();
        stored.alerts().forEach(a -> alerts.restore(a, now));
        stored.silences().forEach(suppression.silences()::put);
        for (Ticket t : stored.tickets()) {
            tickets.restore(t);
            escalations.watch(t);
            flapping.restore(t);
        }
        stored.outbox().forEach(outbox::restore);
        stored.groups().forEach(grouper::restore);
        storedHits = stored.ruleHits();
        if (stored.sequences() != null) {
            outbox.restoreSequence(stored.sequences().nextOutbox);
            tickets.restoreSequence(stored.sequences().nextTicket);
        }
    }

    /**
     * Installs a tenant configuration: the rules and retention. Held alerts are routed again so groups and
     * inhibition follow the new rules; tickets stay as they are.
     */
    public void configure(RuleSet rules, long alertRetentionMillis, long ticketRetentionMillis) {
        long now = clock.millis();
        if (storedHits != null) {
            storedHits.stream().map(r -> r.rule).filter(name -> rules.rule(name) == null).forEach(hitsGone::add);
            hits = RuleHits.start(rules, now, storedHits);
            storedHits = null;
        } else {
            hitsGone.addAll(hits.gone(rules));
            hits = hits.next(rules, now);
        }
        suppression.configure(rules, alerts.all());
        flapping.configure(rules);
        retention.configure(alertRetentionMillis, ticketRetentionMillis);
        grouper.regroup();
        for (Alert a : alerts.all()) {
            if (a.firingAt(now) || a.endsAt > now - HeldAlerts.RESOLVE_TIMEOUT_MILLIS) {
                for (CompiledRule r : rules.route(a.labels, a.annotations, now, scratch)) {
                    if (r.drop) {
                        break;
                    }
                    if (r.notify != null) {
                        grouper.add(r, a, now);
                    }
                }
            }
        }
    }

    /** Takes a batch of alerts through the pipeline; completes when everything they changed is durable. */
    public CompletableFuture<Void> ingest(List<IncomingAlert> batch) {
        long start = System.nanoTime();
        long now = clock.millis();
        TenantState.Changes changes = state.changes();
        for (IncomingAlert in : batch) {
            accept(in, now, changes);
        }
        if (!dueNow.isEmpty()) {
            // group_wait 0 (or an alert older than it): notify in the same commit, not at the next tick.
            List<String> removed = new ArrayList<>();
            notify(grouper.flushDue(dueNow, now, flapping::holds, a -> suppression.muted(a, now), removed), removed,
                    now, changes);
            dueNow.clear();
        }
        return state.commit(changes).whenComplete((v, e) -> {
            if (e == null) {
                meters.accepted.increment(batch.size());
            }
            meters.pipelineLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        });
    }

    private void accept(IncomingAlert in, long now, TenantState.Changes changes) {
        Alert held = alerts.get(in.fingerprint());
        boolean wasFiring = held != null && held.firingAt(now);
        if (held != null) {
            meters.deduplicated.increment();
        }
        Alert a = alerts.receive(held, in, now, suppression, grouper);
        boolean firing = a.firingAt(now);
        route(a, now, firing, held != null && wasFiring != firing, changes);
        flapping.trim(a, now);
        changes.alert(a);
    }

    private void route(Alert a, long now, boolean firing, boolean stateChanged, TenantState.Changes changes) {
        hits.begin(a.labels, now);
        List<String> silencedBy = suppression.silencedBy(a, now);
        hits.silencedBy(silencedBy);
        List<String> inhibitedBy = suppression.inhibitedBy(a, now, hits.inhibitedBy());
        suppression.shadowSuppression(a, now, hits.wouldSilence(), hits.wouldInhibit());
        boolean muted = !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
        if (firing && !silencedBy.isEmpty()) {
            meters.silenced.increment();
        } else if (firing && !inhibitedBy.isEmpty()) {
            meters.inhibited.increment();
        }
        List<CompiledRule> matched = suppression.rules().route(a.labels, a.annotations, now, scratch, hits);
        a.rule = matched.isEmpty() ? null : matched.get(0).name;
        a.dropped = false;
        List<String> receivers = new ArrayList<>(2);
        for (CompiledRule r : matched) {
            if (r.drop) {
                a.dropped = true;
                meters.dropped(r.name);
                hits.dropped(r);
                break;
            }
            if (r.ticket != null) {
                ticketStep.apply(r, a, now, firing, muted, stateChanged, changes);
            }
            if (r.notify != null) {
                for (String c : r.notify.channels()) {
                    if (!receivers.contains(c)) {
                        receivers.add(c);
                    }
                }
                AggregationGroup g = grouper.add(r, a, now);
                if (g.nextFlushAt() <= now) {
                    dueNow.add(g);
                }
            }
        }
        if (!receivers.equals(a.receivers)) {
            a.receivers = receivers;
        }
        if (firing && !muted) {
            for (CompiledRule r : matched) {
                ruleMatches.matched(r.name, a, now, changes.writes());
                if (r.drop) {
                    break;
                }
            }
        }
    }

    /**
     * Writes a notification to the outbox as it is, outside the rules (security notices): numbered, stamped
     * and committed with the sequence; the handoff delivers it like any other.
     */
    public CompletableFuture<Long> notice(OutboxEntry e) {
        TenantState.Changes changes = state.changes();
        outbox.append(e, clock.millis(), changes);
        return state.commit(changes).thenApply(v -> e.seq);
    }

    /**
     * Opens a ticket a person asked for and, when the tenant names a request channel, writes the notification that
     * tells it (type {@code request}, the ticket's id, one pseudo-alert carrying the request's fields), both in one
     * commit: a request is never stored without its notification, nor notified without being stored.
     *
     * @param channel the tenant's {@code spec.console.requestChannel}, or null
     * @return the ticket, once durable
     */
    public CompletableFuture<Ticket> openByHand(TicketRequest request, String actor, String channel) {
        long now = clock.millis();
        TenantState.Changes changes = state.changes();
        Ticket t = ticketOperations.openByHand(request, actor, now, changes);
        if (channel != null && !channel.isBlank()) {
            OutboxEntry e = new OutboxEntry();
            e.type = "request";
            e.rule = "ticket-request";
            e.channels.add(channel);
            e.status = "firing";
            e.ticketId = t.id;
            e.priority = t.priority;
            e.title = t.title;
            e.groupKey = t.groupKey;
            e.groupLabels = new TreeMap<>(Map.of("category", t.category));
            Map<String, String> labels = new TreeMap<>(Map.of("alertname", "TicketOpenedByHand", "category", t.category,
                    "priority", t.priority, "opened_by", actor));
            Map<String, String> annotations = new TreeMap<>(Map.of("summary", t.title,
                    "description", t.description == null ? "" : t.description));
            e.alerts = List.of(new OutboxAlert("ticket-" + t.id, "firing", labels, annotations,
                    Instant.ofEpochMilli(now).toString(), null, null));
            outbox.append(e, now, changes);
        }
        return state.commit(changes).thenApply(v -> t);
    }

    /** Runs what is due at the clock's now: ends of alerts, flapping, group flushes, escalation, retention. */
    public CompletableFuture<Void> tick() {
        long now = clock.millis();
        TenantState.Changes changes = state.changes();
        alerts.expire(now, a -> {
            ticketStep.ended(a, suppression.rules(), now, changes);
            changes.alert(a);
        });
        flapping.settle(now, suppression.rules(), alerts, changes);
        List<String> removed = new ArrayList<>();
        notify(grouper.flushDue(now, flapping::holds, a -> suppression.muted(a, now), removed), removed, now, changes);
        escalations.run(now, alerts, changes, e -> outbox.append(e, now, changes));
        retention.run(now, changes);
        if (now - hitsStoredAt >= HITS_STORE_MILLIS) {
            storeHits(now, changes);
        }
        return state.commit(changes);
    }

    /** Stores the counts that changed, and forgets those of rules no longer configured. */
    private void storeHits(long now, TenantState.Changes changes) {
        hitsStoredAt = now;
        for (String name : hitsGone) {
            if (suppression.rules().rule(name) == null) {
                changes.ruleHitsDeleted(name);
            }
        }
        hitsGone.clear();
        for (RuleHitsRecord r : hits.changed(now)) {
            changes.ruleHits(r);
        }
    }

    /** Every rule's match counts now, and what the rules in shadow would have done; on the lane. */
    public List<RuleStats> ruleStats() {
        return hits.snapshot(clock.millis());
    }

    /** The notification step: each flush becomes an outbox request; the group's state is stored with it. */
    private void notify(List<GroupFlush> flushes, List<String> removed, long now, TenantState.Changes changes) {
        for (GroupFlush f : flushes) {
            outbox.notification(f, tickets, now, changes);
            changes.group(f.state());
        }
        for (String key : removed) {
            changes.groupDeleted(key);
        }
    }
}
