package io.opsgate.engine.pipeline;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.engine.alerting.AggregationGroup;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.GroupFlush;
import io.opsgate.engine.alerting.Grouper;
import io.opsgate.engine.alerting.Inhibitor;
import io.opsgate.engine.alerting.RuleIndex;
import io.opsgate.engine.alerting.RuleSet;
import io.opsgate.engine.alerting.Silences;
import io.opsgate.engine.domain.Alert;
import io.opsgate.engine.domain.Escalation;
import io.opsgate.engine.domain.GroupState;
import io.opsgate.engine.domain.OutboxAlert;
import io.opsgate.engine.domain.OutboxEntry;
import io.opsgate.engine.domain.Silence;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.domain.TicketAlert;
import io.opsgate.engine.domain.TicketState;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.handoff.Outbox;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;
import io.opsgate.engine.tickets.TicketBook;
import io.opsgate.engine.tickets.TicketTitles;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The pipeline of one tenant, and the one place that orders its steps. For each alert: normalise and
 * deduplicate by fingerprint, decide silences and inhibition, evaluate the rules in order, then apply
 * what matched (drop, ticket, notify, escalate, flapping). Every change an alert causes goes into one
 * write set with the alert, so the store has all of it or none. Timers (group flushes, expiry,
 * escalation, flapping, retention) run in {@link #tick}.
 *
 * <p>Not thread-safe: only the tenant's {@link Lane} calls it.
 */
public final class TenantEngine {
    /** Alertmanager's resolve_timeout: an alert without endsAt resolves this long after its last update. */
    public static final long RESOLVE_TIMEOUT_MILLIS = 5 * 60_000L;

    private final String tenant;
    private final TenantStore store;
    private final Clock clock;
    private final EngineMetrics.TenantMeters meters;
    private final Map<String, Alert> alerts = new HashMap<>();
    private final Silences silences = new Silences();
    private final TicketBook tickets;
    private final Outbox outbox;
    private volatile java.util.function.BiConsumer<String, String> engineActions = (action, detail) -> { };
    private final Grouper grouper = new Grouper();
    private final Map<String, GroupState> storedGroups = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>();
    private final Map<String, Long> expiryQueued = new HashMap<>();
    private final Set<Long> pendingEscalations = new LinkedHashSet<>();
    private final Set<Long> flappingTickets = new LinkedHashSet<>();
    /** Groups whose timer came due while a batch was processed; flushed at its end. */
    private final Set<AggregationGroup> dueNow = new LinkedHashSet<>();
    private final RuleIndex.Candidates scratch = new RuleIndex.Candidates();
    private RuleSet rules = RuleSet.empty();
    private Map<String, CompiledRule> rulesByName = Map.of();
    private Inhibitor inhibitor = new Inhibitor(rules);
    private long alertRetention = 7 * 86_400_000L;
    private long ticketRetention = 90 * 86_400_000L;
    private long nextRetentionRun;
    private volatile RuleMatchListener ruleMatches = (rule, alert, now, writes) -> { };
    private volatile int activeTickets;
    private volatile long outboxDepth;

    private record Expiry(long at, String fingerprint) implements Comparable<Expiry> {
        @Override
        public int compareTo(Expiry o) {
            return Long.compare(at, o.at);
        }
    }

    public TenantEngine(String tenant, TenantStore store, Clock clock, EngineMetrics.TenantMeters meters) {
        this.tenant = tenant;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.tickets = new TicketBook(tenant);
        this.outbox = new Outbox(tenant);
    }

    public String tenant() {
        return tenant;
    }

    /**
     * Told of each rule that matched a firing alert which is neither silenced nor inhibited, on the lane, with
     * the write set the alert is committed in (OpsJob triggers listen; docs/monitors-and-jobs.md).
     */
    public interface RuleMatchListener {
        void matched(String rule, Alert alert, long now, WriteSet writes);
    }

    public void onRuleMatch(RuleMatchListener listener) {
        this.ruleMatches = listener;
    }

    public int activeTickets() {
        return activeTickets;
    }

    public long outboxDepth() {
        return outboxDepth;
    }

    /** The outbox, for the handoff to tell it what notify has stored (its depth is thread-safe). */
    public Outbox outbox() {
        return outbox;
    }

    /** Whether the ticket exists (not yet deleted by retention). */
    public boolean hasTicket(long id) {
        return tickets.get(id) != null;
    }

    /** Rebuilds the in-memory state from the store. Call once, before anything else. */
    public void load() {
        long now = clock.millis();
        store.scan(Keys.ALERT, (k, v) -> {
            Alert a = RecordCodec.decode(v, Alert.class);
            alerts.put(a.fingerprint, a);
        });
        store.scan(Keys.SILENCE, (k, v) -> silences.put(RecordCodec.decode(v, Silence.class)));
        store.scan(Keys.TICKET, (k, v) -> {
            Ticket t = RecordCodec.decode(v, Ticket.class);
            // Per-alert counts are written with the alert, not the ticket, so refresh them from the alerts.
            for (TicketAlert ta : t.alerts.values()) {
                Alert a = alerts.get(ta.fingerprint);
                if (a != null) {
                    ta.count = a.count;
                    ta.lastSeen = a.lastSeen;
                }
            }
            tickets.restore(t);
            if (t.isActive() && t.escalations.stream().anyMatch(e -> !e.sent)) {
                pendingEscalations.add(t.id);
            }
            if (t.flapping) {
                flappingTickets.add(t.id);
            }
        });
        store.scan(Keys.OUTBOX, (k, v) -> outbox.restore(RecordCodec.decode(v, OutboxEntry.class)));
        store.scan(Keys.GROUP, (k, v) -> {
            GroupState g = RecordCodec.decode(v, GroupState.class);
            storedGroups.put(g.key, g);
        });
        store.scan(Keys.META_SEQUENCES, (k, v) -> {
            Sequences s = RecordCodec.decode(v, Sequences.class);
            outbox.restoreSequence(s.nextOutbox);
        });
        for (Alert a : alerts.values()) {
            if (a.firingAt(now)) {
                scheduleExpiry(a);
            }
        }
        recount();
    }

    /** The sequences that must never go back, stored with every change that advances them. */
    public static final class Sequences {
        public long nextTicket;
        public long nextOutbox;
    }

    /**
     * Installs a tenant configuration: the rules and retention. Held alerts are routed again so groups and
     * inhibition follow the new rules; tickets stay as they are.
     */
    public void configure(RuleSet newRules, long alertRetentionMillis, long ticketRetentionMillis) {
        long now = clock.millis();
        this.rules = newRules;
        Map<String, CompiledRule> byName = new HashMap<>();
        newRules.all().forEach(r -> byName.put(r.name, r));
        this.rulesByName = byName;
        this.alertRetention = alertRetentionMillis;
        this.ticketRetention = ticketRetentionMillis;
        for (AggregationGroup g : grouper.groups()) {
            storedGroups.put(g.key(), g.state());
        }
        grouper.clear();
        inhibitor = new Inhibitor(newRules);
        for (Alert a : alerts.values()) {
            inhibitor.add(a);
        }
        for (Alert a : alerts.values()) {
            if (a.firingAt(now) || a.endsAt > now - RESOLVE_TIMEOUT_MILLIS) {
                regroup(a, now);
            }
        }
    }

    private void regroup(Alert a, long now) {
        for (CompiledRule r : rules.route(a.labels, a.annotations, now, scratch)) {
            if (r.drop) {
                break;
            }
            if (r.notify != null) {
                grouper.add(r, a, now, storedState(r, a));
            }
        }
    }

    /** The stored notification state of the alert's group, if one is waiting to be picked up after a start. */
    private GroupState storedState(CompiledRule r, Alert a) {
        if (storedGroups.isEmpty()) {
            return null;
        }
        return storedGroups.remove(Grouper.key(r, Grouper.groupLabels(r.notify.groupBy(), a.labels)));
    }

    // ---------------------------------------------------------------- ingest

    /**
     * Takes a batch of alerts through the pipeline. The future completes when everything they changed is
     * durable.
     */
    public CompletableFuture<Void> ingest(List<IncomingAlert> batch) {
        long start = System.nanoTime();
        long now = clock.millis();
        WriteSet writes = new WriteSet();
        boolean[] sequencesChanged = {false};
        for (IncomingAlert in : batch) {
            acceptOne(in, now, writes, sequencesChanged);
        }
        if (!dueNow.isEmpty()) {
            // group_wait 0 (or an alert older than it): notify in the same commit, not at the next tick.
            List<String> removed = new ArrayList<>();
            flushGroups(grouper.flushDue(dueNow, now, this::heldByFlapping, a -> muted(a, now), removed), removed, now,
                    writes, sequencesChanged);
            dueNow.clear();
        }
        if (sequencesChanged[0]) {
            writeSequences(writes);
        }
        recount();
        CompletableFuture<Void> done = store.commit(writes);
        return done.whenComplete((v, e) -> {
            if (e == null) {
                meters.accepted.increment(batch.size());
            }
            meters.pipelineLatency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        });
    }

    private void acceptOne(IncomingAlert in, long now, WriteSet writes, boolean[] sequencesChanged) {
        long startsAt = in.startsAt();
        long endsAt = in.endsAt();
        boolean timeout = false;
        if (in.resolveNow() && endsAt == 0) {
            endsAt = now;
        }
        if (startsAt == 0) {
            startsAt = endsAt == 0 ? now : Math.min(endsAt, now);
        }
        if (endsAt == 0) {
            timeout = true;
            endsAt = now + RESOLVE_TIMEOUT_MILLIS;
        }
        Alert a = alerts.get(in.fingerprint());
        boolean isNew = a == null;
        boolean wasFiring = !isNew && a.firingAt(now);
        if (isNew) {
            a = new Alert();
            a.fingerprint = in.fingerprint();
            a.labels = in.labels();
            a.firstSeen = now;
            a.startsAt = startsAt;
            a.endsAt = endsAt;
            a.timeout = timeout;
            // Before filing it with the inhibitor: an inhibiting rule's text condition reads the annotations.
            a.annotations = in.annotations();
            alerts.put(a.fingerprint, a);
            inhibitor.add(a);
        } else {
            meters.deduplicated.increment();
            if (!a.labels.equals(in.labels())) {
                // Only events (identified by dedupKey) change labels under one fingerprint.
                inhibitor.remove(a);
                grouper.remove(a.fingerprint);
                a.labels = in.labels();
                inhibitor.add(a);
            } else if (rules.inhibitsByText() && !a.annotations.equals(in.annotations())) {
                inhibitor.remove(a);
                a.annotations = in.annotations();
                inhibitor.add(a);
            }
            merge(a, startsAt, endsAt, timeout, now);
        }
        a.annotations = in.annotations();
        a.generatorURL = in.generatorURL();
        a.count++;
        a.lastSeen = now;
        a.updatedAt = now;
        boolean firing = a.firingAt(now);
        boolean changed = !isNew && wasFiring != firing;
        if (changed) {
            a.stateChanges.add(now);
        }
        if (firing) {
            scheduleExpiry(a);
        }
        route(a, now, firing, changed, writes, sequencesChanged);
        trimStateChanges(a, now);
        writes.put(Keys.alert(a.fingerprint), RecordCodec.encode(a));
    }

    /** Alertmanager's merge of a repeated alert: the earliest start wins; the newest explicit end rules. */
    private static void merge(Alert a, long startsAt, long endsAt, boolean timeout, long now) {
        boolean overlaps = (endsAt > a.startsAt && endsAt < a.endsAt) || (startsAt > a.startsAt && startsAt < a.endsAt)
                || a.firingAt(now);
        if (!overlaps) {
            a.startsAt = startsAt;
            a.endsAt = endsAt;
            a.timeout = timeout;
            return;
        }
        boolean wasExplicit = !a.timeout;
        long oldEnd = a.endsAt;
        a.startsAt = Math.min(a.startsAt, startsAt);
        a.endsAt = endsAt;
        a.timeout = timeout;
        if (endsAt <= now) {
            if (oldEnd <= now && oldEnd > endsAt) {
                a.endsAt = oldEnd;
            }
        } else if (oldEnd > endsAt && wasExplicit) {
            a.endsAt = oldEnd;
            a.timeout = false;
        }
    }

    private void route(Alert a, long now, boolean firing, boolean stateChanged, WriteSet writes, boolean[] seqChanged) {
        List<String> silencedBy = silences.silencedBy(a.labels, a.annotations, now, rules);
        List<String> inhibitedBy = inhibitor.inhibitedBy(a, now, alerts::get);
        boolean muted = !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
        if (firing && !silencedBy.isEmpty()) {
            meters.silenced.increment();
        } else if (firing && !inhibitedBy.isEmpty()) {
            meters.inhibited.increment();
        }
        List<CompiledRule> matched = rules.route(a.labels, a.annotations, now, scratch);
        a.rule = matched.isEmpty() ? null : matched.get(0).name;
        a.dropped = false;
        List<String> receivers = new ArrayList<>(2);
        for (CompiledRule r : matched) {
            if (r.drop) {
                a.dropped = true;
                meters.dropped(r.name);
                break;
            }
            if (r.ticket != null) {
                ticketStep(r, a, now, firing, muted, stateChanged, writes, seqChanged);
            }
            if (r.notify != null) {
                for (String c : r.notify.channels()) {
                    if (!receivers.contains(c)) {
                        receivers.add(c);
                    }
                }
                AggregationGroup g = grouper.add(r, a, now, storedState(r, a));
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
                ruleMatches.matched(r.name, a, now, writes);
                if (r.drop) {
                    break;
                }
            }
        }
    }

    private void ticketStep(CompiledRule r, Alert a, long now, boolean firing, boolean muted, boolean stateChanged,
                            WriteSet writes, boolean[] seqChanged) {
        Ticket t = null;
        if (a.ticketId != null) {
            // A repeat finds its ticket by id; the group key is built only for an alert new to tickets.
            Ticket known = tickets.get(a.ticketId);
            if (known != null && known.rule.equals(r.name) && tickets.latest(known.groupKey) == known) {
                t = known;
            }
        }
        Map<String, String> groupLabels = null;
        String key = null;
        if (t == null) {
            groupLabels = Grouper.groupLabels(r.ticket.groupBy(), a.labels);
            key = Grouper.key(r, groupLabels);
            t = tickets.latest(key);
        }
        boolean changed = false;
        if (firing) {
            if (t != null && t.isActive()) {
                changed = tickets.join(t, a);
            } else if (t != null && t.alerts.containsKey(a.fingerprint) && !t.alerts.get(a.fingerprint).resolved) {
                // Still the episode whose ticket someone resolved or closed by hand: no new ticket for a repeat.
                tickets.join(t, a);
            } else if (t != null && t.state == TicketState.resolved && t.resolvedByClearing && r.ticket.detectsFlapping()
                    && t.resolvedAt != null && now - t.resolvedAt <= r.ticket.flapWindowMillis()) {
                tickets.reopen(t, now);
                tickets.join(t, a);
                changed = true;
            } else if (!muted) {
                if (key == null) {
                    groupLabels = Grouper.groupLabels(r.ticket.groupBy(), a.labels);
                    key = Grouper.key(r, groupLabels);
                }
                t = tickets.open(key, groupLabels, r.name, TicketTitles.title(r.ticket.title(), a.labels, a.annotations),
                        r.ticket.priority(), a, now, escalations(r, now));
                meters.ticketOpened(r.ticket.priority());
                if (!t.escalations.isEmpty()) {
                    pendingEscalations.add(t.id);
                }
                seqChanged[0] = true;
                changed = true;
            } else {
                t = null;
            }
            if (t != null && stateChanged && r.ticket.detectsFlapping() && isFlapping(a, r, now)) {
                changed |= markFlapping(t, now);
            }
        } else if (t != null && t.alerts.containsKey(a.fingerprint)) {
            if (stateChanged && r.ticket.detectsFlapping() && isFlapping(a, r, now)) {
                markFlapping(t, now);
            }
            clearFromTicket(t, a, r, now);
            changed = true;
        }
        if (changed) {
            writes.put(Keys.ticket(t.id), RecordCodec.encode(t));
        }
    }

    private boolean markFlapping(Ticket t, long now) {
        flappingTickets.add(t.id);
        return tickets.flapping(t, true, now);
    }

    private void clearFromTicket(Ticket t, Alert a, CompiledRule r, long now) {
        boolean allCleared = tickets.alertCleared(t, a);
        boolean resolveWhenCleared = r == null || r.ticket == null || r.ticket.resolveWhenCleared();
        if (allCleared && t.isActive() && resolveWhenCleared && !t.flapping) {
            tickets.resolveCleared(t, now);
            meters.ticketsResolved.increment();
        }
    }

    private static List<Escalation> escalations(CompiledRule r, long now) {
        List<Escalation> result = new ArrayList<>();
        for (int i = 0; i < r.escalation.size(); i++) {
            Escalation e = new Escalation();
            e.level = i + 1;
            e.dueAt = now + r.escalation.get(i).afterMillis();
            e.channels = new ArrayList<>(r.escalation.get(i).channels());
            result.add(e);
        }
        return result;
    }

    private static boolean isFlapping(Alert a, CompiledRule r, long now) {
        long from = now - r.ticket.flapWindowMillis();
        int n = 0;
        for (long t : a.stateChanges) {
            if (t >= from) {
                n++;
            }
        }
        return n >= r.ticket.flapChanges();
    }

    /** Keeps only the state changes any flapping window can still count. */
    private void trimStateChanges(Alert a, long now) {
        if (a.stateChanges.isEmpty()) {
            return;
        }
        long longest = 0;
        for (CompiledRule r : rules.all()) {
            if (r.ticket != null && r.ticket.detectsFlapping()) {
                longest = Math.max(longest, r.ticket.flapWindowMillis());
            }
        }
        long from = now - longest;
        a.stateChanges.removeIf(t -> t < from);
    }

    private void scheduleExpiry(Alert a) {
        Long queued = expiryQueued.get(a.fingerprint);
        if (queued == null || queued > a.endsAt) {
            expiries.add(new Expiry(a.endsAt, a.fingerprint));
            expiryQueued.put(a.fingerprint, a.endsAt);
        }
    }

    private void writeSequences(WriteSet writes) {
        Sequences s = new Sequences();
        s.nextTicket = tickets.nextId();
        s.nextOutbox = outbox.nextSeq();
        writes.put(Keys.META_SEQUENCES, RecordCodec.encode(s));
    }

    private void recount() {
        activeTickets = tickets.activeCount();
        outboxDepth = outbox.depth();
    }

    /**
     * Writes a notification to the outbox as it is, outside the rules (security notices): numbered,
     * stamped and committed with the sequence; the handoff delivers it like any other.
     */
    public CompletableFuture<Long> notice(OutboxEntry e) {
        WriteSet writes = new WriteSet();
        outbox.append(e, clock.millis(), writes);
        writeSequences(writes);
        recount();
        return store.commit(writes).thenApply(v -> e.seq);
    }

    // ---------------------------------------------------------------- timers

    /** Runs what is due at the clock's now: expiry, group flushes, escalation, flapping, retention. */
    public CompletableFuture<Void> tick() {
        long now = clock.millis();
        WriteSet writes = new WriteSet();
        boolean[] seqChanged = {false};
        expire(now, writes);
        settleFlapping(now, writes);
        flushGroups(now, writes, seqChanged);
        escalate(now, writes, seqChanged);
        if (now >= nextRetentionRun) {
            retention(now, writes);
            nextRetentionRun = now + 60_000L;
        }
        if (seqChanged[0]) {
            writeSequences(writes);
        }
        recount();
        return store.commit(writes);
    }

    private void expire(long now, WriteSet writes) {
        while (!expiries.isEmpty() && expiries.peek().at() <= now) {
            Expiry e = expiries.poll();
            Long queued = expiryQueued.get(e.fingerprint());
            if (queued == null || queued != e.at()) {
                continue;
            }
            expiryQueued.remove(e.fingerprint());
            Alert a = alerts.get(e.fingerprint());
            if (a == null) {
                continue;
            }
            if (a.firingAt(now)) {
                scheduleExpiry(a);
                continue;
            }
            a.stateChanges.add(a.endsAt);
            if (a.ticketId != null) {
                Ticket t = tickets.get(a.ticketId);
                if (t != null && t.alerts.containsKey(a.fingerprint)) {
                    CompiledRule r = rulesByName.get(t.rule);
                    if (r != null && r.ticket != null && r.ticket.detectsFlapping() && isFlapping(a, r, now)) {
                        markFlapping(t, now);
                    }
                    clearFromTicket(t, a, r, now);
                    writes.put(Keys.ticket(t.id), RecordCodec.encode(t));
                }
            }
            writes.put(Keys.alert(a.fingerprint), RecordCodec.encode(a));
        }
    }

    private void settleFlapping(long now, WriteSet writes) {
        for (Iterator<Long> it = flappingTickets.iterator(); it.hasNext(); ) {
            Ticket t = tickets.get(it.next());
            if (t == null || !t.flapping) {
                it.remove();
                continue;
            }
            CompiledRule r = rulesByName.get(t.rule);
            long window = r != null && r.ticket != null && r.ticket.detectsFlapping() ? r.ticket.flapWindowMillis() : 0;
            long lastChange = Long.MIN_VALUE;
            boolean allCleared = true;
            for (TicketAlert ta : t.alerts.values()) {
                Alert a = alerts.get(ta.fingerprint);
                if (a != null) {
                    for (long c : a.stateChanges) {
                        lastChange = Math.max(lastChange, c);
                    }
                    allCleared &= !a.firingAt(now);
                }
            }
            if (lastChange == Long.MIN_VALUE || now - lastChange >= window) {
                tickets.flapping(t, false, now);
                it.remove();
                boolean resolveWhenCleared = r == null || r.ticket == null || r.ticket.resolveWhenCleared();
                if (allCleared && t.isActive() && resolveWhenCleared) {
                    tickets.resolveCleared(t, now);
                    meters.ticketsResolved.increment();
                }
                writes.put(Keys.ticket(t.id), RecordCodec.encode(t));
            }
        }
    }

    private boolean heldByFlapping(AggregationGroup g) {
        for (Alert a : g.alerts()) {
            if (a.ticketId != null) {
                Ticket t = tickets.get(a.ticketId);
                if (t != null && t.flapping) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean muted(Alert a, long now) {
        return !silences.silencedBy(a.labels, a.annotations, now, rules).isEmpty() || !inhibitor.inhibitedBy(a, now, alerts::get).isEmpty();
    }

    private void flushGroups(long now, WriteSet writes, boolean[] seqChanged) {
        List<String> removed = new ArrayList<>();
        flushGroups(grouper.flushDue(now, this::heldByFlapping, a -> muted(a, now), removed), removed, now, writes,
                seqChanged);
    }

    private void flushGroups(List<GroupFlush> flushes, List<String> removed, long now, WriteSet writes,
                             boolean[] seqChanged) {
        for (GroupFlush f : flushes) {
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
                e.alerts.add(outboxAlert(a, "firing"));
                if (t == null && a.ticketId != null) {
                    t = tickets.get(a.ticketId);
                }
            }
            for (Alert a : f.resolved()) {
                e.alerts.add(outboxAlert(a, "resolved"));
                if (t == null && a.ticketId != null) {
                    t = tickets.get(a.ticketId);
                }
            }
            if (t != null) {
                e.ticketId = t.id;
                e.priority = t.priority;
                e.title = t.title;
            }
            outbox.append(e, now, writes);
            seqChanged[0] = true;
            writes.put(Keys.group(f.group().key()), RecordCodec.encode(f.state()));
        }
        for (String key : removed) {
            writes.delete(Keys.group(key));
        }
    }

    private static OutboxAlert outboxAlert(Alert a, String status) {
        return new OutboxAlert(a.fingerprint, status, a.labels, a.annotations, Instant.ofEpochMilli(a.startsAt).toString(),
                a.timeout && "firing".equals(status) ? null : Instant.ofEpochMilli(a.endsAt).toString(), a.generatorURL);
    }

    private void escalate(long now, WriteSet writes, boolean[] seqChanged) {
        for (Iterator<Long> it = pendingEscalations.iterator(); it.hasNext(); ) {
            Ticket t = tickets.get(it.next());
            if (t == null || t.state != TicketState.open) {
                it.remove();
                continue;
            }
            boolean changed = false;
            boolean pending = false;
            for (Escalation level : t.escalations) {
                if (level.sent) {
                    continue;
                }
                if (level.dueAt > now) {
                    pending = true;
                    continue;
                }
                OutboxEntry e = new OutboxEntry();
                e.type = "escalation";
                e.rule = t.rule;
                e.channels = new ArrayList<>(level.channels);
                e.groupKey = t.groupKey;
                e.groupLabels = new TreeMap<>(t.groupLabels);
                e.status = "firing";
                e.ticketId = t.id;
                e.priority = t.priority;
                e.title = t.title;
                e.level = level.level;
                for (TicketAlert ta : t.alerts.values()) {
                    Alert a = alerts.get(ta.fingerprint);
                    if (a != null && a.firingAt(now)) {
                        e.alerts.add(outboxAlert(a, "firing"));
                    }
                }
                outbox.append(e, now, writes);
                seqChanged[0] = true;
                level.sent = true;
                t.timeline.add(new io.opsgate.engine.domain.TicketEvent(now, TicketBook.ENGINE, "escalated",
                        "level " + level.level + " to " + String.join(", ", level.channels)));
                changed = true;
            }
            if (changed) {
                writes.put(Keys.ticket(t.id), RecordCodec.encode(t));
            }
            if (!pending) {
                it.remove();
            }
        }
    }

    /**
     * Receives the changes the engine makes to the tenant's data by itself (retention deletes), as
     * (action, detail), for the access log; called on the lane.
     */
    public void onEngineAction(java.util.function.BiConsumer<String, String> listener) {
        this.engineActions = listener;
    }

    private void retention(long now, WriteSet writes) {
        int alertsBefore = alerts.size();
        int silencesBefore = silences.all().size();
        Set<Long> touched = new HashSet<>();
        for (Iterator<Alert> it = alerts.values().iterator(); it.hasNext(); ) {
            Alert a = it.next();
            if (a.firingAt(now) || a.endsAt + alertRetention > now) {
                continue;
            }
            Ticket t = a.ticketId == null ? null : tickets.get(a.ticketId);
            if (t != null && t.isActive()) {
                continue;
            }
            it.remove();
            inhibitor.remove(a);
            grouper.remove(a.fingerprint);
            writes.delete(Keys.alert(a.fingerprint));
            if (t != null) {
                touched.add(t.id);
            }
        }
        List<Ticket> expired = new ArrayList<>();
        for (Ticket t : tickets.newestFirst()) {
            if (!t.isActive() && t.resolvedAt != null && t.resolvedAt + ticketRetention <= now) {
                expired.add(t);
            }
        }
        for (Ticket t : expired) {
            tickets.delete(t);
            touched.remove(t.id);
            writes.delete(Keys.ticket(t.id));
        }
        for (Long id : touched) {
            // The ticket keeps the counts of alerts that are gone; write its snapshot of them.
            writes.put(Keys.ticket(id), RecordCodec.encode(tickets.get(id)));
        }
        for (Silence s : silences.all()) {
            if (s.endsAt + alertRetention <= now) {
                silences.remove(s.id);
                writes.delete(Keys.silence(s.id));
            }
        }
        int alertsDeleted = alertsBefore - alerts.size();
        int silencesDeleted = silencesBefore - silences.all().size();
        if (alertsDeleted + expired.size() + silencesDeleted > 0) {
            engineActions.accept("retention-delete", alertsDeleted + " resolved alerts, " + expired.size()
                    + " tickets and " + silencesDeleted + " expired silences deleted by spec.retention");
        }
    }

    // ---------------------------------------------------------------- reads

    /** The alerts GET /api/v2/alerts shows: unresolved ones, with their status now, sorted by fingerprint. */
    public List<AlertView> alerts(AlertQuery q) {
        long now = clock.millis();
        List<AlertView> result = new ArrayList<>();
        for (Alert a : alerts.values()) {
            if (!a.firingAt(now) || !matchesAll(q.matchers(), a.labels)) {
                continue;
            }
            if (q.receiver() != null && a.receivers.stream().noneMatch(r -> q.receiver().matches(r))) {
                continue;
            }
            AlertView v = view(a, now);
            boolean silenced = !v.silencedBy().isEmpty();
            boolean inhibited = !v.inhibitedBy().isEmpty();
            if ((!q.active() && !silenced && !inhibited) || (!q.silenced() && silenced) || (!q.inhibited() && inhibited)) {
                continue;
            }
            result.add(v);
        }
        result.sort(java.util.Comparator.comparing(AlertView::fingerprint));
        return result;
    }

    /** One held alert (also resolved ones), or null. */
    public AlertView alert(String fingerprint) {
        Alert a = alerts.get(fingerprint);
        return a == null ? null : view(a, clock.millis());
    }

    /** How many alerts are held, resolved ones included. */
    public int heldAlerts() {
        return alerts.size();
    }

    private AlertView view(Alert a, long now) {
        List<String> silencedBy = silences.silencedBy(a.labels, a.annotations, now, rules);
        List<String> inhibitedBy = inhibitor.inhibitedBy(a, now, alerts::get);
        String state = silencedBy.isEmpty() && inhibitedBy.isEmpty() ? "active" : "suppressed";
        return new AlertView(a.fingerprint, a.labels, a.annotations, a.startsAt, a.endsAt, a.updatedAt, a.generatorURL,
                List.copyOf(a.receivers), state, silencedBy, inhibitedBy, a.count, a.rule, a.dropped, a.ticketId);
    }

    private static boolean matchesAll(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- silences

    /** Copies of all silences. */
    public List<Silence> silences() {
        List<Silence> result = new ArrayList<>();
        for (Silence s : silences.all()) {
            result.add(copy(s));
        }
        return result;
    }

    public Silence silence(String id) {
        Silence s = silences.get(id);
        return s == null ? null : copy(s);
    }

    public long now() {
        return clock.millis();
    }

    /**
     * Creates or updates a silence, as Alertmanager: an update that changes matchers or the start of a
     * started silence expires the old one and creates a new one.
     *
     * @return the id of the silence now in effect
     */
    public CompletableFuture<String> postSilence(SilenceRequest req) {
        long now = clock.millis();
        if (req.endsAt() <= now) {
            throw new Rejected(400, "endsAt is in the past", "endsAt");
        }
        WriteSet writes = new WriteSet();
        Silence existing = req.id() == null || req.id().isEmpty() ? null : silences.get(req.id());
        if (req.id() != null && !req.id().isEmpty() && existing == null) {
            throw new Rejected(404, "silence " + req.id() + " not found", "id");
        }
        Silence target;
        if (existing != null && canUpdateInPlace(existing, req, now)) {
            target = existing;
        } else {
            if (existing != null && existing.stateAt(now) != Silence.State.expired) {
                expireAt(existing, now);
                writes.put(Keys.silence(existing.id), RecordCodec.encode(existing));
            }
            target = new Silence();
            target.id = UUID.randomUUID().toString();
        }
        target.matchers = new ArrayList<>(req.matchers());
        if (target != existing || existing.stateAt(now) == Silence.State.pending) {
            // As Alertmanager: a silence cannot start in the past.
            target.startsAt = Math.max(req.startsAt(), now);
        }
        target.endsAt = req.endsAt();
        target.createdBy = req.createdBy();
        target.comment = req.comment();
        target.updatedAt = now;
        silences.put(target);
        writes.put(Keys.silence(target.id), RecordCodec.encode(target));
        return store.commit(writes).thenApply(v -> target.id);
    }

    private static boolean canUpdateInPlace(Silence s, SilenceRequest req, long now) {
        switch (s.stateAt(now)) {
            case expired:
                return false;
            case pending:
                return req.startsAt() >= now || req.startsAt() == s.startsAt;
            default:
                return s.matchers.equals(req.matchers()) && req.startsAt() == s.startsAt;
        }
    }

    /** Expires a silence now (DELETE /api/v2/silence/{id}). */
    public CompletableFuture<Void> expireSilence(String id) {
        long now = clock.millis();
        Silence s = silences.get(id);
        if (s == null) {
            throw new Rejected(404, "silence " + id + " not found", "id");
        }
        if (s.stateAt(now) == Silence.State.expired) {
            throw new Rejected(400, "silence " + id + " is already expired", "id");
        }
        expireAt(s, now);
        WriteSet writes = new WriteSet();
        writes.put(Keys.silence(s.id), RecordCodec.encode(s));
        return store.commit(writes);
    }

    private static void expireAt(Silence s, long now) {
        if (s.startsAt > now) {
            s.startsAt = now;
        }
        s.endsAt = now;
        s.updatedAt = now;
    }

    private static Silence copy(Silence s) {
        return RecordCodec.decode(RecordCodec.encode(s), Silence.class);
    }

    // ---------------------------------------------------------------- tickets

    /** A copy of a ticket with current alert counts, or null. */
    public Ticket ticket(long id) {
        Ticket t = tickets.get(id);
        return t == null ? null : copy(t);
    }

    /**
     * Tickets newest first, filtered, at most {@code limit}, starting below the id {@code before} (the
     * cursor; 0 for the first page).
     */
    public List<Ticket> tickets(Set<TicketState> states, Set<String> severities, List<Matcher> matchers, long before,
                                int limit) {
        List<Ticket> result = new ArrayList<>();
        for (Ticket t : tickets.newestFirst()) {
            if (before > 0 && t.id >= before) {
                continue;
            }
            if (!states.isEmpty() && !states.contains(t.state)) {
                continue;
            }
            if (!severities.isEmpty() && !severities.contains(t.severity)) {
                continue;
            }
            if (!matchers.isEmpty() && !ticketMatches(t, matchers)) {
                continue;
            }
            result.add(copy(t));
            if (result.size() >= limit) {
                break;
            }
        }
        return result;
    }

    /** A ticket matches label matchers when one of its alerts (or its group labels) does. */
    private boolean ticketMatches(Ticket t, List<Matcher> matchers) {
        if (matchesAll(matchers, t.groupLabels)) {
            return true;
        }
        for (TicketAlert ta : t.alerts.values()) {
            Alert a = alerts.get(ta.fingerprint);
            if (a != null && matchesAll(matchers, a.labels)) {
                return true;
            }
        }
        return false;
    }

    /** The ticket operations of the API. */
    public enum TicketAction { ACK, RESOLVE, CLOSE, ASSIGN, COMMENT }

    /**
     * Changes a ticket on behalf of {@code actor}.
     *
     * @throws Rejected 404 when there is no such ticket; TransitionRefused when the state forbids it
     */
    public CompletableFuture<Ticket> changeTicket(long id, TicketAction action, String text, String actor) {
        long now = clock.millis();
        Ticket t = tickets.get(id);
        if (t == null) {
            throw new Rejected(404, "ticket " + id + " not found", "id");
        }
        boolean wasActive = t.isActive();
        switch (action) {
            case ACK -> tickets.acknowledge(t, actor, now);
            case RESOLVE -> tickets.resolve(t, actor, now);
            case CLOSE -> tickets.close(t, actor, now);
            case ASSIGN -> tickets.assign(t, text, actor, now);
            case COMMENT -> tickets.comment(t, text, actor, now);
            default -> throw new IllegalArgumentException(action.name());
        }
        if (wasActive && !t.isActive()) {
            meters.ticketsResolved.increment();
        }
        recount();
        WriteSet writes = new WriteSet();
        writes.put(Keys.ticket(t.id), RecordCodec.encode(t));
        Ticket snapshot = copy(t);
        return store.commit(writes).thenApply(v -> snapshot);
    }

    private Ticket copy(Ticket t) {
        Ticket c = RecordCodec.decode(RecordCodec.encode(t), Ticket.class);
        for (TicketAlert ta : c.alerts.values()) {
            Alert a = alerts.get(ta.fingerprint);
            if (a != null) {
                ta.count = a.count;
                ta.lastSeen = a.lastSeen;
            }
        }
        return c;
    }
}
